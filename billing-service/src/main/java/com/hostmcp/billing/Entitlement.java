package com.hostmcp.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * An organization's entitlement as published on {@code billing.entitlements.v1}.
 *
 * @param validUntil end of the trial, grace or paid period; null when open-ended
 * @param version increases with every change
 * @param stripeEventCreated {@code created} of the newest Stripe event that decided it, null if none did
 */
public record Entitlement(UUID organizationId, EntitlementState state, String reason, Instant validUntil, long version,
        Instant changedAt, Long stripeEventCreated) {

    public boolean mcpAccess() {
        return state.mcpAccess();
    }
}
