package com.hostmcp.audit.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The data of {@code com.hostmcp.mcp.ToolInvoked.v1}: one MCP tool call, arguments already redacted by the gateway. */
public record ToolInvoked(UUID invocationId, UUID organizationId, UUID keyId, String tool, JsonNode arguments,
        String outcome, String errorType, String errorMessage, Long latencyMs, Integer hostawayStatus,
        Integer hostawayCalls, String transport, String mcpSessionId, Instant startedAt) {

    public static final String TYPE = "com.hostmcp.mcp.ToolInvoked.v1";
}
