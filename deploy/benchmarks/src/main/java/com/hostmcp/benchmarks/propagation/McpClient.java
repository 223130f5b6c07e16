package com.hostmcp.benchmarks.propagation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.benchmarks.Stack;

/**
 * One MCP session over Streamable HTTP with one API key: just enough JSON-RPC for the propagation figures (ping and
 * tools/call), answering the HTTP status as well, since a revoked key is an HTTP 401 and not a JSON-RPC error.
 */
final class McpClient {

    /** The HTTP status of a request and, for a 200 tools/call, the first text content (a tool error starts "["). */
    record Answer(int status, String text) {
    }

    private final HttpClient http;
    private final String endpoint;
    private final String apiKey;
    private final AtomicInteger ids = new AtomicInteger();
    private final String sessionId;

    McpClient(HttpClient http, String endpoint, String apiKey) throws IOException, InterruptedException {
        this.http = http;
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        ObjectNode initialize = request("initialize");
        ObjectNode params = initialize.putObject("params").put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "hostmcp-benchmarks").put("version", "1");
        HttpResponse<String> response = post(initialize, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("initialize answered " + response.statusCode() + ": " + response.body());
        }
        this.sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(Stack.JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"),
                sessionId);
    }

    /** A JSON-RPC ping: the access filter checks the key first, the gateway runs no tool and calls no Hostaway. */
    int ping() throws IOException, InterruptedException {
        return post(request("ping"), sessionId).statusCode();
    }

    Answer callTool(String name, Map<String, Object> arguments) throws IOException, InterruptedException {
        ObjectNode call = request("tools/call");
        call.putObject("params").put("name", name).set("arguments", Stack.JSON.valueToTree(arguments));
        HttpResponse<String> response = post(call, sessionId);
        if (response.statusCode() != 200) {
            return new Answer(response.statusCode(), "");
        }
        JsonNode message = message(response.body());
        if (message.has("error")) {
            throw new IllegalStateException("tools/call failed: " + message.get("error"));
        }
        return new Answer(200, message.at("/result/content/0/text").asText());
    }

    private ObjectNode request(String method) {
        return Stack.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
    }

    private HttpResponse<String> post(JsonNode body, String session) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON-RPC response, whether the gateway answered with JSON or with a one-message SSE stream. */
    private static JsonNode message(String body) throws IOException {
        String text = body.strip();
        if (text.startsWith("{")) {
            return Stack.JSON.readTree(text);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("data:")) {
                JsonNode data = Stack.JSON.readTree(line.substring(5).strip());
                if (data.has("result") || data.has("error")) {
                    return data;
                }
            }
        }
        throw new IllegalStateException("no JSON-RPC response in: " + body);
    }
}
