package com.hostmcp.gateway;

import java.time.Instant;

/** The latest known entitlement of an organization; {@code validUntil} is null when open-ended. */
public record Entitlement(EntitlementState state, boolean mcpAccess, String reason, Instant validUntil, long version) {
}
