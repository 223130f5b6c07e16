package com.hostmcp.gateway.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * One MCP tool of the gateway. Implementations are {@code @ApplicationScoped} beans; {@code ToolRegistrar} registers
 * every one at startup with its JSON Schemas from {@code src/main/resources/tools/<name>.input.json} and
 * {@code <name>.output.json}. The invocation pipeline authenticates, checks entitlement and credentials, validates the
 * arguments against the input schema, runs {@link #call}, maps {@link ToolFailure}s to tool errors, caps the response
 * and publishes the invocation and usage records; a tool only does its own work.
 */
public interface GatewayTool {

    /** The tool name (final: clients and the audit log use it). */
    String name();

    /** What it does, when to use it and when not: the model reads this to choose tools. */
    String description();

    /** Behaviour hints, set truthfully (read-only, destructive, idempotent, open world). */
    ToolAnnotations annotations();

    /**
     * Runs the tool. {@code arguments} has already passed the input schema. Fails with a {@link ToolFailure} (as the
     * Uni's failure or thrown) for anything the caller can act on; Hostaway failures may be left to propagate as the
     * {@code com.hostmcp.gateway.hostaway} exceptions, which the pipeline maps.
     */
    Uni<ToolResult> call(ToolContext context, ObjectNode arguments);
}
