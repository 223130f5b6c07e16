package com.hostmcp.dashboard.auth;

/**
 * The signed-in user as the OIDC provider names them: the ID token of a browser session or the access token of a
 * programmatic client. {@code email} and {@code name} are null when the token has no such claim.
 */
public record Caller(String subject, String email, boolean emailVerified, String name) {
}
