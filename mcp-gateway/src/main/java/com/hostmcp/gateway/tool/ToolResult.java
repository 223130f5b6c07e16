package com.hostmcp.gateway.tool;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A successful tool result: {@code structured} is the {@code structuredContent} (it conforms to the tool's output
 * schema), {@code text} a compact rendering of the same for clients that only read text content.
 */
public record ToolResult(ObjectNode structured, String text) {

    public ToolResult {
        Objects.requireNonNull(structured);
        Objects.requireNonNull(text);
    }
}
