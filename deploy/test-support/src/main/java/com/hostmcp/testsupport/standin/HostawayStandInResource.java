package com.hostmcp.testsupport.standin;

import java.util.Map;

import com.hostmcp.standin.hostaway.HostawayStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at an in-JVM Hostaway stand-in ({@code hostaway.api-url}). One stand-in per test
 * JVM; tests reach it through {@link #standIn()} (e.g. to {@code reset()} it or inject failures).
 */
public class HostawayStandInResource implements QuarkusTestResourceLifecycleManager {

    private static HostawayStandIn standIn;

    public static synchronized HostawayStandIn standIn() {
        if (standIn == null) {
            standIn = HostawayStandIn.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "hostaway-stand-in-stop"));
        }
        return standIn;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("hostaway.api-url", standIn().baseUrl());
    }

    @Override
    public void stop() {
        // shared by every application start in this JVM
    }
}
