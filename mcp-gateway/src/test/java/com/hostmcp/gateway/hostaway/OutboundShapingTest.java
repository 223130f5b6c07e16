package com.hostmcp.gateway.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.hostaway.OutboundShaping.Decision;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The permit arithmetic with Hostaway's published numbers, on a clock the test drives (nanos). */
class OutboundShapingTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void anAccountGets20PermitsPer10SecondsAndTheNextOneQueuesIntoTheNextWindow() {
        OutboundShaping shaping = new OutboundShaping(20, WINDOW, 0, WINDOW, Duration.ofSeconds(12), registry);
        for (int n = 0; n < 20; n++) {
            assertThat(shaping.reserve("1", n * 100_000_000L).waitNanos()).isZero();
        }

        Decision queued = shaping.reserve("1", 2 * SECOND);
        assertThat(queued.granted()).isTrue();
        // the first permit was taken at 0 s: the 21st goes at 10 s
        assertThat(queued.waitNanos()).isEqualTo(8 * SECOND);
        assertThat(registry.counter("hostmcp.hostaway.rate-limit.waits", "limit", "account").count()).isEqualTo(1);
    }

    @Test
    void aRequestThatWouldWaitLongerThanTheQueueAllowsIsRefusedWithWholeSeconds() {
        OutboundShaping shaping = new OutboundShaping(20, WINDOW, 0, WINDOW, Duration.ofSeconds(2), registry);
        for (int n = 0; n < 20; n++) {
            shaping.reserve("1", 0);
        }

        Decision refused = shaping.reserve("1", 3 * SECOND + 1);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.bindingLimit()).isEqualTo(OutboundShaping.ACCOUNT);
        assertThat(refused.retryAfterSeconds()).isEqualTo(7);
        // a refusal takes no permit: at 10 s the account has its full budget again
        for (int n = 0; n < 20; n++) {
            assertThat(shaping.reserve("1", 10 * SECOND).granted()).isTrue();
        }
        assertThat(registry.counter("hostmcp.hostaway.rate-limit.refusals", "limit", "account").count())
                .isEqualTo(1);
    }

    @Test
    void accountsHaveSeparateBudgetsButShareThe15PermitsPer10SecondsOfTheInstance() {
        OutboundShaping shaping = new OutboundShaping(20, WINDOW, 15, WINDOW, Duration.ofSeconds(2), registry);
        for (int n = 0; n < 10; n++) {
            assertThat(shaping.reserve("1", 0).waitNanos()).isZero();
        }
        for (int n = 0; n < 5; n++) {
            assertThat(shaping.reserve("2", 0).waitNanos()).isZero();
        }

        Decision third = shaping.reserve("3", SECOND);
        assertThat(third.granted()).isFalse();
        assertThat(third.bindingLimit()).isEqualTo(OutboundShaping.IP);
        assertThat(third.retryAfterSeconds()).isEqualTo(9);
    }

    @Test
    void tokenRequestsCountAgainstTheInstanceOnly() {
        OutboundShaping shaping = new OutboundShaping(20, WINDOW, 15, WINDOW, Duration.ofSeconds(2), registry);
        for (int n = 0; n < 14; n++) {
            assertThat(shaping.reserve(null, 0).granted()).isTrue();
        }

        assertThat(shaping.reserve("1", 0).waitNanos()).isZero();
        assertThat(shaping.reserve("1", 0).granted()).isFalse();
        // the account's own budget is untouched: at 10 s it gets its 20 (the instance 15 of them)
        for (int n = 0; n < 15; n++) {
            assertThat(shaping.reserve("1", 10 * SECOND).waitNanos()).isZero();
        }
    }
}
