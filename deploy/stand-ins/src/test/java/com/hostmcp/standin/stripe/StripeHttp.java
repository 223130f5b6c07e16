package com.hostmcp.standin.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Raw HTTP against the stand-in, for wire-level assertions. */
final class StripeHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final String baseUrl;
    private String authorization;

    StripeHttp(StripeStandIn standIn) {
        this.baseUrl = standIn.baseUrl();
        this.authorization = "Bearer " + standIn.apiKey();
    }

    StripeHttp withAuthorization(String authorization) {
        this.authorization = authorization;
        return this;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, Map.of());
    }

    Response post(String path, String idempotencyKey, String form) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return send("POST", path, form, "application/x-www-form-urlencoded", headers);
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null, null, Map.of());
    }

    Response send(String method, String path, String body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null && path.startsWith("/v1")) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response);
    }
}
