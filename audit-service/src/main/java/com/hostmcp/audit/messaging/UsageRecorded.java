package com.hostmcp.audit.messaging;

import java.time.Instant;
import java.util.UUID;

/** The data of {@code com.hostmcp.mcp.UsageRecorded.v1}: the metering record of one tool call. */
public record UsageRecorded(UUID invocationId, UUID organizationId, UUID keyId, String tool, String outcome,
        Long latencyMs, Instant occurredAt) {

    public static final String TYPE = "com.hostmcp.mcp.UsageRecorded.v1";
}
