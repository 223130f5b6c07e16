package com.hostmcp.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A minimal asynchronous MCP client over Streamable HTTP: real sessions (initialize, notifications/initialized, then
 * every request with its {@code Mcp-Session-Id}), one JSON-RPC POST per call, the key in {@code X-API-Key}.
 */
public final class McpClient {

    /** An initialized MCP session of one API key. */
    public record Session(String apiKey, String id) {
    }

    private static final String PROTOCOL_VERSION = "2025-06-18";

    private final HttpClient http;
    private final URI endpoint;
    private final AtomicLong ids = new AtomicLong();

    /** {@code endpoint}: the Streamable HTTP endpoint, state.env's GATEWAY_URL ({@code http://host:port/mcp}). */
    public McpClient(HttpClient http, String endpoint) {
        this.http = http;
        this.endpoint = URI.create(endpoint);
    }

    /**
     * An HTTP/1.1 client for benchmark traffic: the JDK's default (HTTP/2) would try an h2c upgrade that only some of
     * the servers compared accept.
     */
    public static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A new session; fails (exceptionally) when the gateway does not answer initialize with 200 and a session id. */
    public CompletableFuture<Session> open(String apiKey) {
        ObjectNode initialize = request("initialize");
        ObjectNode params = initialize.putObject("params").put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "hostmcp-benchmarks").put("version", "1");
        return post(apiKey, null, initialize).thenCompose(response -> {
            String session = response.headers().firstValue("Mcp-Session-Id").orElse(null);
            if (response.statusCode() != 200 || session == null) {
                throw new IllegalStateException("initialize answered " + response.statusCode() + ": "
                        + response.body());
            }
            ObjectNode initialized = Stack.JSON.createObjectNode().put("jsonrpc", "2.0").put("method",
                    "notifications/initialized");
            return post(apiKey, session, initialized).thenApply(ack -> {
                if (ack.statusCode() / 100 != 2) {
                    throw new IllegalStateException("notifications/initialized answered " + ack.statusCode());
                }
                return new Session(apiKey, session);
            });
        });
    }

    /** A JSON-RPC ping: completes with the HTTP status (the access filter checks the key; no tool, no Hostaway call). */
    public CompletableFuture<Integer> ping(Session session) {
        return post(session.apiKey(), session.id(), request("ping")).thenApply(HttpResponse::statusCode);
    }

    /** A tools/call; completes with its HTTP status, body and end-to-end time (never exceptionally on HTTP errors). */
    public CompletableFuture<ToolCall> call(Session session, String tool, Map<String, Object> arguments) {
        ObjectNode call = request("tools/call");
        call.putObject("params").put("name", tool).set("arguments", Stack.JSON.valueToTree(arguments));
        long started = System.nanoTime();
        return post(session.apiKey(), session.id(), call)
                .thenApply(response -> new ToolCall(tool, response.statusCode(), response.body(),
                        System.nanoTime() - started))
                .exceptionally(failure -> new ToolCall(tool, 0, String.valueOf(failure), System.nanoTime() - started));
    }

    private ObjectNode request(String method) {
        return Stack.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method",
                method);
    }

    private CompletableFuture<HttpResponse<String>> post(String apiKey, String session, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
