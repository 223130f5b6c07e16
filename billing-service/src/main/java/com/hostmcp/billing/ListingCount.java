package com.hostmcp.billing;

import java.time.Instant;
import java.util.UUID;

/** The latest listing count sync-service reported for an organization. */
public record ListingCount(UUID organizationId, UUID runId, int activeListings, int totalListings, Instant syncedAt) {

    /** What the subscription is billed for: the active listings, at least one. */
    public long billableQuantity() {
        return Math.max(1, activeListings);
    }
}
