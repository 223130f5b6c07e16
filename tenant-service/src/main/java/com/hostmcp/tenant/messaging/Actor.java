package com.hostmcp.tenant.messaging;

/** Who made a change: a signed-in user (OIDC subject), another service, or the system itself. */
public record Actor(Type type, String id) {

    public enum Type {
        USER,
        SERVICE,
        SYSTEM
    }

    public static Actor user(String subject) {
        return new Actor(Type.USER, subject);
    }
}
