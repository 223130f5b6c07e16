package com.hostmcp.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One sync run of one organization: queued, running, or finished with an outcome. Counts are set only when it
 * succeeded; {@code requestIds} are the Sync Now requests it served (several when they were coalesced).
 */
public record SyncRun(UUID runId, UUID organizationId, SyncTrigger trigger, Status status, Instant requestedAt,
        Instant startedAt, Instant finishedAt, String accountId, SyncOutcome outcome, String reason,
        Integer activeListings, Integer totalListings, Long durationMs, List<UUID> requestIds) {

    public enum Status {
        PENDING,
        RUNNING,
        FINISHED
    }
}
