package com.hostmcp.audit;

import java.time.Instant;
import java.util.UUID;

/** An organization's listing count as of one sync run. */
public record ListingCount(UUID organizationId, int activeListings, int totalListings, UUID runId, Instant syncedAt) {
}
