package com.hostmcp.sync.messaging;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code com.hostmcp.hostaway.HostawayCredentialsRejected.v1}, as sync-service reports it. */
public record HostawayCredentialsRejected(UUID organizationId, String accountId, int httpStatus, String detectedBy,
        String reason, Instant detectedAt) {

    public static final String TYPE = "com.hostmcp.hostaway.HostawayCredentialsRejected.v1";
    public static final String DETECTED_BY = "sync-service";
}
