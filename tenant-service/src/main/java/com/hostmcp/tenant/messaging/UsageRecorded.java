package com.hostmcp.tenant.messaging;

import java.time.Instant;
import java.util.UUID;

/** The part of {@code com.hostmcp.mcp.UsageRecorded.v1} (on mcp.usage.v1) that tenant-service reads. */
public record UsageRecorded(UUID organizationId, UUID keyId, Instant occurredAt) {

    public static final String TYPE = "com.hostmcp.mcp.UsageRecorded.v1";
}
