package com.hostmcp.gateway.invocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.GatewayTool;

import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolArguments;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;

/**
 * Registers every {@link GatewayTool} bean with the MCP server at startup: name, description, annotations, and the
 * input and output schemas from {@code tools/<name>.input.json} / {@code .output.json}. A tool without both schemas
 * stops the start, so no tool is ever served undocumented.
 */
@ApplicationScoped
public class ToolRegistrar {

    private static final Logger LOG = Logger.getLogger(ToolRegistrar.class);

    private final ToolManager toolManager;
    private final Instance<GatewayTool> tools;
    private final ToolInvocationService invocations;
    private final ObjectMapper mapper;

    public ToolRegistrar(ToolManager toolManager, Instance<GatewayTool> tools, ToolInvocationService invocations,
            ObjectMapper mapper) {
        this.toolManager = toolManager;
        this.tools = tools;
        this.invocations = invocations;
        this.mapper = mapper;
    }

    void register(@Observes StartupEvent startup) {
        Set<String> names = new HashSet<>();
        for (GatewayTool tool : tools) {
            if (!names.add(tool.name())) {
                throw new IllegalStateException("Two tools are named " + tool.name());
            }
            JsonNode input = schema(tool.name() + ".input.json");
            JsonNode output = schema(tool.name() + ".output.json");
            var registered = new ToolInvocationService.RegisteredTool(tool, new InputValidator(input));
            toolManager.newTool(tool.name())
                    .setTitle(tool.annotations().title())
                    .setDescription(tool.description())
                    .setAnnotations(tool.annotations())
                    .setInputSchema(new JsonObject(input.toString()))
                    .setOutputSchema(new JsonObject(output.toString()))
                    .setAsyncHandler(arguments -> invocations.invoke(registered, argumentsOf(arguments),
                            arguments.connection()))
                    .register();
        }
        LOG.infof("Registered %d MCP tools: %s", names.size(), names.stream().sorted().toList());
    }

    /** The call's arguments as the client sent them (the MCP layer's map loses JSON types of nested values). */
    private ObjectNode argumentsOf(ToolArguments arguments) {
        JsonObject params = arguments.rawMessage().asJsonObject().getJsonObject("params");
        JsonObject raw = params == null ? null : params.getJsonObject("arguments");
        try {
            return raw == null ? mapper.createObjectNode() : (ObjectNode) mapper.readTree(raw.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode schema(String file) {
        try (InputStream in = ToolRegistrar.class.getResourceAsStream("/tools/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing tool schema tools/" + file);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
