package com.hostmcp.standin.hostaway;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A response produced by the in-memory API, handed to WireMock as a response definition. */
final class ApiResponse {

    static final String JSON = "application/json";

    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** How long the server waits before it answers (0: at once). */
    long delayMillis;

    ApiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static ApiResponse json(int status, JsonNode node) {
        return new ApiResponse(status, JSON, Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse ok(JsonNode node) {
        return json(200, node);
    }

    /** {@code {"status":"success","result":...}} */
    static ApiResponse success(JsonNode result) {
        ObjectNode envelope = Json.object();
        envelope.put("status", "success");
        envelope.set("result", result);
        return ok(envelope);
    }

    /** {@code {"status":"fail","result":"<message>"}}, the documented failure envelope. */
    static ApiResponse fail(int status, String message) {
        ObjectNode envelope = Json.object();
        envelope.put("status", "fail");
        envelope.put("result", message);
        return json(status, envelope);
    }

    /** HTTP 429 with the documented body (it has {@code message}, not {@code result}). */
    static ApiResponse rateLimited() {
        return json(429, Json.RATE_LIMIT_RESPONSE.deepCopy());
    }

    static ApiResponse text(String contentType, String text) {
        return new ApiResponse(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse delayed(long millis) {
        delayMillis = millis;
        return this;
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
