package com.hostmcp.sync.messaging;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code com.hostmcp.sync.SyncRequested.v1}: a user pressed "Sync Now". */
public record SyncRequested(UUID organizationId, UUID requestId, String requestedBy, Instant requestedAt) {

    public static final String TYPE = "com.hostmcp.sync.SyncRequested.v1";
}
