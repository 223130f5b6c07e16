package com.hostmcp.sync.messaging;

import java.time.Instant;
import java.util.UUID;

import com.hostmcp.sync.SyncTrigger;

/** Data of {@code com.hostmcp.sync.ListingCountSynced.v1}: a run counted an organization's listings. */
public record ListingCountSynced(UUID organizationId, UUID runId, SyncTrigger trigger, int activeListings,
        int totalListings, long durationMs, Instant syncedAt) {

    public static final String TYPE = "com.hostmcp.sync.ListingCountSynced.v1";
}
