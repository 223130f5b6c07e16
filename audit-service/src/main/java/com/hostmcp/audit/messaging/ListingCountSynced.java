package com.hostmcp.audit.messaging;

import java.time.Instant;
import java.util.UUID;

/** The data of {@code com.hostmcp.sync.ListingCountSynced.v1}: a sync run counted an organization's listings. */
public record ListingCountSynced(UUID organizationId, UUID runId, Integer activeListings, Integer totalListings,
        Instant syncedAt) {

    public static final String TYPE = "com.hostmcp.sync.ListingCountSynced.v1";
}
