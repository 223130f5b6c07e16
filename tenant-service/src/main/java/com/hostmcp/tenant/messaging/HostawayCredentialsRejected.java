package com.hostmcp.tenant.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code com.hostmcp.hostaway.HostawayCredentialsRejected.v1} on {@code hostaway.credential-failures.v1}: the
 * gateway or sync-service saw Hostaway refuse an organization's stored credentials.
 */
public record HostawayCredentialsRejected(UUID organizationId, String accountId, Integer httpStatus, String detectedBy,
        String reason, Instant detectedAt) {

    public static final String TYPE = "com.hostmcp.hostaway.HostawayCredentialsRejected.v1";
}
