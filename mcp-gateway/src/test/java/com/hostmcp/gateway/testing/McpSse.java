package com.hostmcp.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The legacy HTTP+SSE transport at the JSON-RPC level: an open {@code GET /mcp/sse} stream whose messages are queued,
 * and POSTs of any body to the endpoint it named. Close it to end the stream.
 */
public final class McpSse implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String apiKey;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> stream;
    private final String endpoint;

    private McpSse(String apiKey) {
        this.apiKey = apiKey;
        this.stream = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(McpClients.baseUrl() + "/mcp/sse"))
                .header("X-API-Key", apiKey).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        this.stream.thenAccept(response -> {
            StringBuilder data = new StringBuilder();
            response.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(data.toString());
                    data.setLength(0);
                }
            });
        });
        String first = next(Duration.ofSeconds(10));
        if (first == null || !first.startsWith("/mcp/messages/")) {
            throw new AssertionError("no endpoint event on /mcp/sse: " + first);
        }
        this.endpoint = first;
    }

    /** Opens the stream and completes the initialize handshake. */
    public static McpSse open(String apiKey) {
        McpSse sse = new McpSse(apiKey);
        McpHttp.Answer initialized = sse.post("""
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2024-11-05",\
                "capabilities":{},"clientInfo":{"name":"mcp-sse-test","version":"1"}}}""");
        if (initialized.status() / 100 != 2 || sse.nextMessage(Duration.ofSeconds(10)) == null) {
            throw new AssertionError("initialize over SSE was answered " + initialized);
        }
        sse.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return sse;
    }

    /** {@code /mcp/messages/<connection id>} */
    public String endpoint() {
        return endpoint;
    }

    public McpHttp.Answer post(String body) {
        return post(apiKey, body);
    }

    public McpHttp.Answer post(byte[] body) {
        return post(apiKey, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** POSTs {@code body} to this stream's endpoint with any key. */
    public McpHttp.Answer post(String key, String body) {
        return post(key, HttpRequest.BodyPublishers.ofString(body));
    }

    private McpHttp.Answer post(String key, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(McpClients.baseUrl() + endpoint))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(body).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new McpHttp.Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next JSON-RPC message on the stream, or null if none comes within {@code wait}. */
    public JsonNode nextMessage(Duration wait) {
        String data = next(wait);
        try {
            return data == null ? null : MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String next(Duration wait) {
        try {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        stream.thenAccept(response -> response.body().close());
        stream.cancel(true);
    }
}
