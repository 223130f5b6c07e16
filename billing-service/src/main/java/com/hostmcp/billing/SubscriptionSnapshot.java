package com.hostmcp.billing;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A Stripe subscription as far as billing cares: the per-listing item and the dates that drive the entitlement.
 *
 * @param status Stripe's status (active, trialing, past_due, unpaid, paused, canceled, incomplete, incomplete_expired)
 * @param organizationId from the subscription's {@code organization_id} metadata, null when absent
 */
public record SubscriptionSnapshot(String id, String customerId, String status, String itemId, String priceId,
        long quantity, boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant canceledAt, Instant created,
        UUID organizationId) {

    /** Statuses in which the subscription bills and its quantity follows the listing count. */
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");

    public boolean live() {
        return LIVE.contains(status);
    }

    public boolean canceled() {
        return "canceled".equals(status) || "incomplete_expired".equals(status);
    }

    public SubscriptionSnapshot withQuantity(long newQuantity) {
        return new SubscriptionSnapshot(id, customerId, status, itemId, priceId, newQuantity, cancelAtPeriodEnd,
                currentPeriodEnd, canceledAt, created, organizationId);
    }
}
