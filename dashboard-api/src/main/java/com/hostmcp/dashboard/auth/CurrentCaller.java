package com.hostmcp.dashboard.auth;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller of the current request, read from the token quarkus-oidc verified (session or bearer). */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || token.getSubject() == null) {
            throw new UnauthorizedException();
        }
        String name = token.getClaim(Claims.full_name.name());
        if (name == null) {
            name = token.getClaim(Claims.preferred_username.name());
        }
        Object verified = token.getClaim(Claims.email_verified.name());
        return new Caller(token.getSubject(), token.getClaim(Claims.email.name()),
                Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified)), name);
    }
}
