package com.hostmcp.gateway.auth;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks the shape of every JSON-RPC message POSTed to the MCP endpoints ({@code /mcp}, {@code /mcp/messages/*})
 * after {@link McpAccessFilter} let the request in and before the MCP extension reads it, so that malformed input gets
 * a clear HTTP 400 with a JSON-RPC error instead of a 500, a hang or a session that is never used (the extension
 * trusts the shape of what it parses). A message is refused when it is not UTF-8 JSON, is nested deeper than
 * {@link #MAX_DEPTH} levels, repeats a key, is not a single object (JSON-RPC batches were dropped from MCP in
 * 2025-06-18, and a batch would pass the per-request rate limits with many calls at once), lacks {@code "jsonrpc":
 * "2.0"}, has an id that is not a string or integer, a method that is not a string, params that are not an object, or
 * params of a standard MCP method that lack a field or have one of the wrong type (see {@link #METHODS}); and when it
 * is a Streamable HTTP request other than {@code initialize} without an {@code Mcp-Session-Id} (the MCP
 * specification's 400). Well-formed calls of unknown methods or tools are left to the extension's JSON-RPC errors. The body
 * limit is
 * {@code quarkus.http.limits.max-body-size}: beyond it, 413.
 */
@ApplicationScoped
public class McpMessageGuard {

    /** Deep enough for every tool's arguments; deeper only costs the schema validator and the redaction. */
    static final int MAX_DEPTH = 64;
    /** After the Quarkus filters (route order = -priority), before the MCP extension's routes (order >= 0). */
    private static final int ORDER = -1;
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;
    private static final int INVALID_PARAMS = -32602;
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    /**
     * The params of the standard MCP client methods: the fields (JSON pointers into params) that the MCP extension
     * reads, with their types and whether they are required. The extension assumes these shapes and fails without an
     * answer on some other ones. Other methods get the extension's "method not found".
     */
    private static final Map<String, List<Field>> METHODS = Map.ofEntries(
            Map.entry("initialize", List.of(required("/protocolVersion", JsonType.STRING),
                    optional("/capabilities", JsonType.OBJECT), required("/clientInfo", JsonType.OBJECT),
                    required("/clientInfo/name", JsonType.STRING))),
            Map.entry("tools/call", List.of(required("/name", JsonType.STRING),
                    optional("/arguments", JsonType.OBJECT))),
            Map.entry("tools/list", List.of(optional("/cursor", JsonType.STRING))),
            Map.entry("prompts/list", List.of(optional("/cursor", JsonType.STRING))),
            Map.entry("prompts/get", List.of(required("/name", JsonType.STRING),
                    optional("/arguments", JsonType.OBJECT))),
            Map.entry("resources/list", List.of(optional("/cursor", JsonType.STRING))),
            Map.entry("resources/templates/list", List.of(optional("/cursor", JsonType.STRING))),
            Map.entry("resources/read", List.of(required("/uri", JsonType.STRING))),
            Map.entry("resources/subscribe", List.of(required("/uri", JsonType.STRING))),
            Map.entry("resources/unsubscribe", List.of(required("/uri", JsonType.STRING))),
            Map.entry("completion/complete", List.of(required("/ref", JsonType.OBJECT),
                    required("/ref/type", JsonType.STRING), required("/argument", JsonType.OBJECT),
                    required("/argument/name", JsonType.STRING), optional("/argument/value", JsonType.STRING))),
            Map.entry("logging/setLevel", List.of(required("/level", JsonType.STRING))),
            Map.entry("notifications/cancelled", List.of(required("/requestId", JsonType.ID),
                    optional("/reason", JsonType.STRING))),
            Map.entry("notifications/progress", List.of(required("/progressToken", JsonType.ID))));

    private enum JsonType {
        STRING("a string"),
        OBJECT("an object"),
        /** A JSON-RPC id or progress token. */
        ID("a string or an integer");

        final String description;

        JsonType(String description) {
            this.description = description;
        }

        boolean matches(JsonNode value) {
            return switch (this) {
                case STRING -> value.isTextual();
                case OBJECT -> value.isObject();
                case ID -> value.isTextual() || value.isIntegralNumber();
            };
        }
    }

    /** A field of params at a JSON pointer; listed objects come before the fields inside them. */
    private record Field(String pointer, JsonType type, boolean required) {

        String name() {
            return pointer.substring(1).replace('/', '.');
        }
    }

    private static Field required(String pointer, JsonType type) {
        return new Field(pointer, type, true);
    }

    private static Field optional(String pointer, JsonType type) {
        return new Field(pointer, type, false);
    }

    /** Why a message is refused: a JSON-RPC error code and its message. */
    private record Problem(int code, String message) {

        static Problem request(String message) {
            return new Problem(INVALID_REQUEST, "Invalid Request: " + message);
        }

        static Problem params(String message) {
            return new Problem(INVALID_PARAMS, "Invalid params: " + message);
        }
    }

    private final ObjectMapper parser;
    private final ObjectMapper mapper;
    private final long bodyLimit;

    public McpMessageGuard(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize bodyLimit) {
        this.mapper = mapper;
        this.bodyLimit = bodyLimit.asLongValue();
        this.parser = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    void register(@Observes Router router) {
        // the extension's own body handler sees the body read already and passes it on
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit);
        router.post("/mcp").order(ORDER).handler(body).handler(this::check).failureHandler(this::tooLarge);
        router.post("/mcp/messages/*").order(ORDER).handler(body).handler(this::check).failureHandler(this::tooLarge);
    }

    void check(RoutingContext context) {
        JsonNode message;
        try {
            message = parser.readTree(context.body().buffer() == null ? new byte[0]
                    : context.body().buffer().getBytes());
        } catch (StreamConstraintsException e) {
            refuse(context, null, new Problem(PARSE_ERROR, "Parse error: the body is nested more than " + MAX_DEPTH
                    + " levels deep."));
            return;
        } catch (IOException e) {
            refuse(context, null, new Problem(PARSE_ERROR,
                    "Parse error: the body is not valid JSON in UTF-8 (or it repeats a key)."));
            return;
        }
        if (message == null || message.isMissingNode()) {
            refuse(context, null, new Problem(PARSE_ERROR, "Parse error: the body is empty."));
            return;
        }
        Problem problem = problem(message);
        if (problem == null && needsSession(context, message)) {
            problem = Problem.request("the " + SESSION_HEADER + " header is missing; send initialize first, then the"
                    + " session id it answered with on every request.");
        }
        if (problem != null) {
            refuse(context, message.get("id"), problem);
            return;
        }
        context.next();
    }

    /** A Streamable HTTP request other than initialize without a session would open a session nobody uses. */
    private static boolean needsSession(RoutingContext context, JsonNode message) {
        return context.normalizedPath().equals("/mcp") && context.request().getHeader(SESSION_HEADER) == null
                && message.has("method") && !"initialize".equals(message.get("method").textValue());
    }

    /** What is wrong with the message's shape, or null. */
    private static Problem problem(JsonNode message) {
        if (!message.isObject()) {
            return Problem.request("send one JSON-RPC message (an object) per request; batches are not supported.");
        }
        if (!"2.0".equals(message.path("jsonrpc").textValue())) {
            return Problem.request("\"jsonrpc\" must be \"2.0\".");
        }
        JsonNode id = message.get("id");
        if (id != null && !JsonType.ID.matches(id)) {
            return Problem.request("\"id\" must be a string or an integer.");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            // a client's answer to a server request (e.g. to a ping) has a result or an error instead
            return message.has("result") || message.has("error") ? null : Problem.request("\"method\" is missing.");
        }
        if (!method.isTextual()) {
            return Problem.request("\"method\" must be a string.");
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            return Problem.params("\"params\" must be an object.");
        }
        return paramsProblem(method.textValue(), params == null || params.isNull() ? null : params);
    }

    private static Problem paramsProblem(String method, JsonNode params) {
        for (Field field : METHODS.getOrDefault(method, List.of())) {
            JsonNode value = params == null ? null : params.at(field.pointer());
            if (value == null || value.isMissingNode() || value.isNull()) {
                if (field.required()) {
                    return Problem.params(method + " needs \"" + field.name() + "\" in params.");
                }
            } else if (!field.type().matches(value)) {
                return Problem.params("\"" + field.name() + "\" must be " + field.type().description + ".");
            }
        }
        JsonNode meta = params == null ? null : params.get("_meta");
        if (meta != null && !meta.isObject()) {
            return Problem.params("\"_meta\" must be an object.");
        }
        JsonNode progressToken = meta == null ? null : meta.get("progressToken");
        if (progressToken != null && !JsonType.ID.matches(progressToken)) {
            return Problem.params("\"_meta.progressToken\" must be a string or an integer.");
        }
        return null;
    }

    /** A chunked body that grew beyond the limit while it was read: the access filter's 413 for announced sizes. */
    private void tooLarge(RoutingContext context) {
        if (context.statusCode() != 413 || context.response().ended()) {
            context.next();
            return;
        }
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(mapper.createObjectNode().put("error", McpAccessFilter.PAYLOAD_TOO_LARGE)
                        .put("message", McpAccessFilter.payloadTooLarge(bodyLimit))
                        .put("remediation", McpAccessFilter.SMALLER_REQUESTS).toString());
    }

    /** HTTP 400 with a JSON-RPC error answering the message's id when it has a usable one. */
    private void refuse(RoutingContext context, JsonNode id, Problem problem) {
        ObjectNode error = mapper.createObjectNode().put("jsonrpc", "2.0");
        if (id != null && JsonType.ID.matches(id)) {
            error.set("id", id);
        } else {
            error.putNull("id");
        }
        error.putObject("error").put("code", problem.code()).put("message", problem.message());
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toString());
    }
}
