package com.hostmcp.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A minimal MCP client over Streamable HTTP (JSON-RPC POSTs with the session header), enough for the local stack's
 * cross-service test; the gateway's own tests use the official SDK.
 */
final class McpSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String endpoint;
    private final String apiKey;
    private final AtomicInteger ids = new AtomicInteger();
    private final String sessionId;

    McpSession(HttpClient http, String endpoint, String apiKey) throws IOException, InterruptedException {
        this.http = http;
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        ObjectNode initialize = request("initialize");
        initialize.putObject("params").put("protocolVersion", "2025-06-18").putObject("capabilities");
        ((ObjectNode) initialize.get("params")).putObject("clientInfo").put("name", "local-stack-it").put("version",
                "1");
        HttpResponse<String> response = post(initialize, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("initialize answered " + response.statusCode() + ": " + response.body());
        }
        this.sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"), sessionId);
    }

    /** The names of the tools tools/list returns. */
    List<String> listTools() {
        try {
            JsonNode message = message(post(request("tools/list"), sessionId));
            if (message.has("error")) {
                throw new IllegalStateException("tools/list failed: " + message.get("error"));
            }
            List<String> names = new ArrayList<>();
            message.at("/result/tools").forEach(tool -> names.add(tool.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first text content of a tools/call: a success's rendering or a tool error's "[type] ..." text. */
    String callTool(String name, Map<String, Object> arguments) {
        try {
            JsonNode message = message(toolCall(name, arguments));
            if (message.has("error")) {
                throw new IllegalStateException("tools/call failed: " + message.get("error"));
            }
            return message.at("/result/content/0/text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A tools/call as the gateway answered it, whatever the status: the HTTP status and, for a 200, the JSON-RPC
     * message (else null).
     */
    Answer answer(String name, Map<String, Object> arguments) throws IOException, InterruptedException {
        HttpResponse<String> response = toolCall(name, arguments);
        return new Answer(response.statusCode(), response.statusCode() == 200 ? message(response) : null,
                response.headers().firstValue("Retry-After").orElse(null));
    }

    /** The gateway's answer to one tools/call. */
    record Answer(int status, JsonNode message, String retryAfter) {
    }

    private HttpResponse<String> toolCall(String name, Map<String, Object> arguments)
            throws IOException, InterruptedException {
        ObjectNode call = request("tools/call");
        call.putObject("params").put("name", name).set("arguments", JSON.valueToTree(arguments));
        return post(call, sessionId);
    }

    private ObjectNode request(String method) {
        return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
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

    /** The JSON-RPC response, whether the server answered with JSON or with a one-message SSE stream. */
    private static JsonNode message(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the gateway answered " + response.statusCode() + ": " + response.body());
        }
        String body = response.body().strip();
        if (body.startsWith("{")) {
            return JSON.readTree(body);
        }
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5).strip());
                if (data.has("result") || data.has("error")) {
                    return data;
                }
            }
        }
        throw new IllegalStateException("no JSON-RPC response in: " + body);
    }
}
