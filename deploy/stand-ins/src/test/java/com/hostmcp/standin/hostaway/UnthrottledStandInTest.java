package com.hostmcp.standin.hostaway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One stand-in per test class with the per-account limit lifted, so that tests of behaviour other than rate limiting
 * never meet a 429; its data is reset before every test.
 */
abstract class UnthrottledStandInTest {

    static HostawayStandIn standIn;
    static HostawayTestClient client;

    @BeforeAll
    static void startStandIn() {
        standIn = HostawayStandIn.start(HostawayStandInOptions.defaults().withPerAccountLimit(10_000));
        client = new HostawayTestClient(standIn);
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @BeforeEach
    void resetStandIn() {
        standIn.reset();
    }
}
