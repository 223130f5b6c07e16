package com.hostmcp.standin.hostaway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A minimal Hostaway client for the tests, on java.net.http. */
final class HostawayTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    HostawayTestClient(HostawayStandIn standIn) {
        this.baseUrl = standIn.baseUrl();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    Response requestToken(long accountId, String secret) {
        return requestToken(form(Map.of("grant_type", "client_credentials", "client_id", String.valueOf(accountId),
                "client_secret", secret, "scope", "general")));
    }

    Response requestToken(String formBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/accessTokens"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cache-control", "no-cache")
                .POST(BodyPublishers.ofString(formBody)));
    }

    String token(HostawayAccount account) {
        return token(account.accountId(), account.secret());
    }

    String token(long accountId, String secret) {
        Response response = requestToken(accountId, secret);
        if (response.status() != 200) {
            throw new IllegalStateException("token request failed: " + response);
        }
        return response.json().get("access_token").asText();
    }

    Response get(String token, String pathAndQuery) {
        return send("GET", token, pathAndQuery, null);
    }

    Response send(String method, String token, String pathAndQuery, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Content-type", "application/json").header("Cache-control", "no-cache")
                .method(method, jsonBody == null ? BodyPublishers.noBody() : BodyPublishers.ofString(jsonBody));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    Response postForm(String token, String path, String formBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(formBody)));
    }

    /** multipart/form-data like curl --form; fields in order. */
    Response postMultipart(String token, String path, List<Map.Entry<String, String>> fields) {
        String boundary = "----standinboundary7MA4YWxkTrZu0gW";
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : fields) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(f.getKey()).append("\"\r\n\r\n")
                    .append(f.getValue()).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
