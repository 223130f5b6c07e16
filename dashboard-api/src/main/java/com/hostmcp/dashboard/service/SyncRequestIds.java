package com.hostmcp.dashboard.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Sync Now request ids are time-ordered UUIDs (version 7, RFC 9562) carrying the millisecond they were issued. The
 * dashboard keeps no record of its requests (Kafka has them), so the time in the id is what tells a request that may
 * still be on its way to sync-service from an id this dashboard never issued or issued long ago.
 */
final class SyncRequestIds {

    /** How long an issued request may wait for sync-service: far beyond a normal minute, covering an outage of it. */
    static final Duration PENDING_AT_MOST = Duration.ofHours(1);

    /** Clocks of the dashboard's replicas differ a little; an id from the future beyond this was not issued here. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final int VERSION = 7;

    private SyncRequestIds() {
    }

    static UUID issue(Instant now) {
        // the random bits of a version 4 UUID (SecureRandom, variant already RFC 9562) under the issue time
        UUID random = UUID.randomUUID();
        long mostSignificant = (now.toEpochMilli() << 16) | ((long) VERSION << 12)
                | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(mostSignificant, random.getLeastSignificantBits());
    }

    /** Whether the id is one this dashboard may have issued and sync-service may not have taken yet. */
    static boolean mayBePending(UUID id, Instant now) {
        if (id.version() != VERSION || id.variant() != 2) {
            return false;
        }
        Instant issued = Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
        return !issued.isBefore(now.minus(PENDING_AT_MOST)) && !issued.isAfter(now.plus(CLOCK_SKEW));
    }
}
