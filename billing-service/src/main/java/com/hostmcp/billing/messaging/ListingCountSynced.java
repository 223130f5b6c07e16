package com.hostmcp.billing.messaging;

import java.time.Instant;
import java.util.UUID;

/** The part of {@code com.hostmcp.sync.ListingCountSynced.v1} (on sync.listing-counts.v1) that billing uses. */
public record ListingCountSynced(UUID organizationId, UUID runId, Integer activeListings, Integer totalListings,
        Instant syncedAt) {

    public static final String TYPE = "com.hostmcp.sync.ListingCountSynced.v1";
}
