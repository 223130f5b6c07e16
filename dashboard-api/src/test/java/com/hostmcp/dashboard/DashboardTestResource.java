package com.hostmcp.dashboard;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The dashboard's secrets for a test run, random each time (none is in the repository): the client secrets of the
 * login and service clients (the OIDC test server accepts any) and the session encryption secret.
 */
public class DashboardTestResource implements QuarkusTestResourceLifecycleManager {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Map<String, String> start() {
        return Map.of("OIDC_CLIENT_SECRET", secret(), "OIDC_SERVICE_CLIENT_SECRET", secret(),
                "OIDC_SESSION_SECRET", secret());
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
