package com.hostmcp.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * MCP Streamable HTTP at the JSON-RPC level with one shared JDK client: a session is an id, a request is any body. For
 * tests that send what an SDK would refuse to send, and for load (no per-client threads or streams).
 */
public final class McpHttp {

    public static final String PROTOCOL_VERSION = "2025-06-18";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong IDS = new AtomicLong();

    /** An HTTP answer: status, body, and the JSON-RPC message in it (JSON or one SSE event), if any. */
    public record Answer(int status, String contentType, String body) {

        /** The JSON-RPC message of the body (plain JSON or the data of the SSE event holding it); null if none. */
        public JsonNode message() {
            String json = body.strip();
            if (contentType.startsWith("text/event-stream")) {
                StringBuilder data = new StringBuilder();
                for (String line : body.split("\r?\n")) {
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
                json = data.toString();
            }
            if (json.isEmpty()) {
                return null;
            }
            try {
                return MAPPER.readTree(json);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    /** One initialized session of one API key. */
    public record Session(String apiKey, String id) {

        public Answer post(String body) {
            return McpHttp.post(apiKey, id, body);
        }

        public Answer post(byte[] body) {
            return answer(exchange(apiKey, id, HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        /** Ends the session ({@code DELETE /mcp}); the HTTP status. */
        public int close() {
            return McpHttp.delete(apiKey, id);
        }

        /** tools/call with these arguments; the JSON-RPC response. */
        public JsonNode callTool(String tool, JsonNode arguments) {
            ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", IDS.incrementAndGet())
                    .put("method", "tools/call");
            request.putObject("params").put("name", tool).set("arguments", arguments);
            Answer answer = post(request.toString());
            JsonNode message = answer.message();
            if (answer.status() != 200 || message == null) {
                throw new AssertionError("tools/call of " + tool + " was answered " + answer);
            }
            return message;
        }

        public JsonNode callTool(String tool, Map<String, Object> arguments) {
            return callTool(tool, (JsonNode) MAPPER.valueToTree(arguments));
        }
    }

    private McpHttp() {
    }

    /** initialize + notifications/initialized. */
    public static Session open(String apiKey) {
        HttpResponse<String> initialized = exchange(apiKey, null, HttpRequest.BodyPublishers.ofString("""
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"%s",\
                "capabilities":{},"clientInfo":{"name":"mcp-http-test","version":"1"}}}""".formatted(PROTOCOL_VERSION)));
        if (initialized.statusCode() != 200) {
            throw new AssertionError("initialize was answered " + answer(initialized));
        }
        Session session = new Session(apiKey, initialized.headers().firstValue("Mcp-Session-Id").orElseThrow());
        Answer notified = session.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        if (notified.status() / 100 != 2) {
            throw new AssertionError("notifications/initialized was answered " + notified);
        }
        return session;
    }

    /** A POST to {@code /mcp} with the key, the session (if not null) and this body. */
    public static Answer post(String apiKey, String sessionId, String body) {
        return answer(exchange(apiKey, sessionId, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code DELETE /mcp} of a session with a key; the HTTP status. */
    public static int delete(String apiKey, String sessionId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(McpClients.baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", apiKey).header("Mcp-Session-Id", sessionId)
                .header("MCP-Protocol-Version", PROTOCOL_VERSION).DELETE().build();
        return send(request).statusCode();
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static HttpResponse<String> exchange(String apiKey, String sessionId,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(McpClients.baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("X-API-Key", apiKey)
                .POST(body);
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", PROTOCOL_VERSION);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
