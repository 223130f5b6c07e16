package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dashboard REST API as a programmatic client calls it: bearer token, JSON, no cookies and no CSRF header. Records
 * which endpoints answered with a success, so a journey can prove it covered all of them; checks every error answer
 * for the shape the contract gives (RFC 9457 problem details, no trace of the implementation).
 */
final class DashboardApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern UUID_SEGMENT = Pattern.compile(
            "/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)");
    /** What must never reach a client: stack frames, exception or class names, framework packages. */
    static final Pattern IMPLEMENTATION_DETAILS = Pattern.compile("(?i)exception|\\tat |\\bat [a-z]+\\.[a-z]+\\."
            + "|com\\.hostmcp|io\\.quarkus|io\\.vertx|io\\.smallrye|org\\.jboss|jakarta\\.|com\\.fasterxml"
            + "|java\\.[a-z]+\\.|stack ?trace");
    private static final Pattern API_KEY = Pattern.compile("hmcp_[0-9A-Za-z]{28}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String baseUrl;
    /** Synchronized: a journey may call from several threads. */
    private final Set<String> succeeded = Collections.synchronizedSortedSet(new TreeSet<>());

    DashboardApi(HttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** One answer; its {@code toString} (used in assertion messages) masks API keys. */
    record Answer(String method, String path, int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(this + " is not JSON", e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + API_KEY.matcher(body).replaceAll("hmcp_(masked)");
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** {@code body} as JSON ({@code null}: no body). */
    Answer send(String method, String path, String token, Object body) {
        try {
            return send(method, path, token, body == null ? null : JSON.writeValueAsString(body), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw body (sent as {@code application/json} unless {@code headers} say otherwise) and extra headers. */
    Answer send(String method, String path, String token, String rawBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (rawBody != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(method, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(rawBody));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(method, path, response.statusCode(), response.headers(), response.body());
            if (answer.status() / 100 == 2) {
                succeeded.add(endpoint(method, path));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    /** "METHOD /path/{id}" of every call that succeeded: query dropped, UUIDs replaced by {id}. */
    Set<String> succeededEndpoints() {
        synchronized (succeeded) {
            return Set.copyOf(succeeded);
        }
    }

    static String endpoint(String method, String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return method + " " + UUID_SEGMENT.matcher(withoutQuery).replaceAll("/{id}");
    }

    // ------------------------------------------------------------------------------------------------- assertions

    static JsonNode ok(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        if (status != 204) {
            assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/json");
        }
        return answer.json();
    }

    /** A success whose exact status the contract leaves open. */
    static JsonNode okIn(Answer answer, Integer... statuses) {
        assertThat(answer.status()).as("%s", answer).isIn((Object[]) statuses);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/json");
        return answer.json();
    }

    static JsonNode ok(Answer answer) {
        return ok(answer, 200);
    }

    /** An RFC 9457 problem with {@code status}, and nothing of the implementation in it. */
    static JsonNode problem(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).as("status member of %s", answer).isEqualTo(status);
        assertThat(problem.path("title").asText()).as("title of %s", answer).isNotBlank();
        assertThat(problem.has("type")).as("type member of %s", answer).isTrue();
        assertThat(answer.body()).as("%s shows implementation details", answer)
                .doesNotContainPattern(IMPLEMENTATION_DETAILS);
        return problem;
    }

    /** A 400 naming {@code field} in {@code errors}. */
    static JsonNode invalid(Answer answer, String field) {
        JsonNode problem = problem(answer, 400);
        assertThat(problem.path("errors")).as("errors of %s", answer).isNotEmpty();
        assertThat(problem.path("errors")).as("errors of %s name %s", answer, field)
                .anySatisfy(error -> assertThat(error.path("field").asText()).contains(field));
        assertThat(problem.path("errors")).allSatisfy(error -> assertThat(error.path("message").asText())
                .as("message of an error in %s", answer).isNotBlank());
        return problem;
    }

    /** 401 as a problem, never a redirect to a login page. */
    static void unauthorized(Answer answer) {
        problem(answer, 401);
        assertThat(answer.headers().firstValue("Location")).as("Location of %s", answer).isEmpty();
    }
}
