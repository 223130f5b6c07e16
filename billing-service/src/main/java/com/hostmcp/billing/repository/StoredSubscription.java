package com.hostmcp.billing.repository;

import java.util.UUID;

import com.hostmcp.billing.SubscriptionSnapshot;

/**
 * A subscription as stored: the snapshot, its organization, the {@code created} time (epoch seconds) of the Stripe
 * event it reflects, and whether its SubscriptionStarted has been published.
 */
public record StoredSubscription(UUID organizationId, SubscriptionSnapshot snapshot, long stateAsOf,
        boolean startedPublished) {
}
