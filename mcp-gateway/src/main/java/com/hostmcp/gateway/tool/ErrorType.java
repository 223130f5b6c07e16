package com.hostmcp.gateway.tool;

import java.util.Locale;

/** Why a tool call failed, as published in ToolInvoked.errorType and shown to the client (docs/events common schema). */
public enum ErrorType {
    NOT_FOUND,
    VALIDATION,
    RATE_LIMITED,
    UNAUTHORIZED,
    UPSTREAM,
    TIMEOUT,
    ENTITLEMENT,
    INTERNAL;

    /** The wire form: lower case, e.g. {@code not_found}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
