package com.hostmcp.audit;

import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Bearer tokens signed by the test OIDC server (OidcWiremockTestResource), as dashboard-api would present them. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A client-credentials token of dashboard-api with the role that opens audit-service's internal API. */
    public static String serviceToken() {
        return OidcWiremockTestResource.getAccessToken("service-account-dashboard-api", Set.of("audit-api"));
    }

    /** A valid token without the internal API role (e.g. another service's). */
    public static String tokenWithoutRole() {
        return OidcWiremockTestResource.getAccessToken("service-account-other", Set.of("tenant-api"));
    }
}
