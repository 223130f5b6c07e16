package com.hostmcp.gateway.testing;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/** Small conveniences for reading tool results in tests. */
public final class ToolCalls {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolCalls() {
    }

    public static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    /** The first text content (a success's rendering, or an error's "[type] message / What to do"). */
    public static String text(CallToolResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(TextContent.class::cast)
                .map(TextContent::text).findFirst().orElse("");
    }

    /** The structured content as JSON. */
    public static JsonNode structured(CallToolResult result) {
        return MAPPER.valueToTree(result.structuredContent());
    }

    public static boolean isError(CallToolResult result) {
        return Boolean.TRUE.equals(result.isError());
    }

    /** The error type a tool error starts with, e.g. {@code not_found}; null for a success. */
    public static String errorType(CallToolResult result) {
        if (!isError(result)) {
            return null;
        }
        String text = text(result);
        return text.startsWith("[") && text.indexOf(']') > 0 ? text.substring(1, text.indexOf(']')) : "";
    }
}
