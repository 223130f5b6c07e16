package com.hostmcp.dashboard;

import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Tokens signed with the OIDC test server's key (OidcWiremockTestResource), as Keycloak would issue them for a
 * dashboard user: subject, e-mail, verified flag and name.
 */
public final class TestTokens {

    /** The issuer the OIDC test server announces in its discovery document. */
    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    /** An access token of a new, verified user (a fresh subject every call). */
    public static String bearer() {
        return bearer(UUID.randomUUID().toString());
    }

    public static String bearer(String subject) {
        return Jwt.subject(subject).issuer(ISSUER).claim("email", "user-" + subject.substring(0, 8) + "@example.com")
                .claim("email_verified", true).claim("name", "Test User").jws().keyId("1").sign("privateKey.jwk");
    }

    /** An ID token for the code flow: the audience is the login client. */
    public static String idToken(String subject, String clientId) {
        return Jwt.subject(subject).issuer(ISSUER).audience(clientId)
                .claim("email", "browser-" + subject.substring(0, 8) + "@example.com").claim("email_verified", true)
                .claim("name", "Browser User").jws().keyId("1").sign("privateKey.jwk");
    }
}
