package com.hostmcp.local.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.local.demo.DemoKeyFile.StoredKey;

/**
 * Seeds the local stack's demo organization through dashboard-api's public API, as any programmatic client would:
 * the demo user gets a token from Keycloak (password grant on the public {@code hostmcp-cli} client), {@code GET
 * /api/me} creates (or finds) the organization, the Hostaway stand-in's sandbox account is connected unless it already
 * is, and the demo API key is reused, regenerated or created ({@link DemoKeyPlan}) and kept in the key file. Finally it
 * waits until the gateway accepts that key (keys reach the gateway through Kafka). Progress goes to {@code log};
 * passwords, tokens and keys never do.
 */
public final class DemoSeeder {

    /** Keys as tenant-service issues them; anything else is not written anywhere. */
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9_]{16,200}");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /**
     * Between initialize attempts while the new key travels to the gateway: slow enough that the gateway's allowance
     * of unknown-key answers per address (20, then 20 a minute) lasts 20 s.
     */
    private static final Duration KEY_POLL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoSeeder(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Where to find everything; {@code password} and {@code hostawaySecret} are secrets (never logged).
     *
     * @param patience how long dashboard-api may answer 502/503/504 or not at all, and how long the gateway may take
     *        to accept a new key
     */
    public record Settings(URI keycloakUrl, String realm, String clientId, String user, String password,
            URI dashboardUrl, URI gatewayUrl, DemoKeyFile keyFile, String hostawayAccountId, String hostawaySecret,
            Duration patience) {

        @Override
        public String toString() {
            return "Settings[" + keycloakUrl + ", " + realm + ", " + clientId + ", " + user + ", " + dashboardUrl
                    + ", " + gatewayUrl + ", " + keyFile.path() + ", " + hostawayAccountId + "]";
        }
    }

    /** Everything is in place; returns the demo key (also in the key file). */
    public StoredKey seed() throws IOException, InterruptedException {
        String token = token();
        log.accept("Demo user " + settings.user() + " signed in (Keycloak realm " + settings.realm() + ", client "
                + settings.clientId() + ")");

        JsonNode me = expect(api("GET", "/api/me", token, null), 200, "GET /api/me");
        JsonNode organization = me.path("organization");
        log.accept("Demo organization \"" + organization.path("name").asText() + "\" ("
                + organization.path("id").asText() + "), role " + organization.path("role").asText());

        if (me.at("/onboarding/hostawayConnected").asBoolean(false)) {
            log.accept("Hostaway sandbox account already connected");
        } else {
            ObjectNode credentials = JSON.createObjectNode().put("accountId", settings.hostawayAccountId())
                    .put("secretKey", settings.hostawaySecret());
            expect(api("PUT", "/api/hostaway-connection", token, credentials), 200, "PUT /api/hostaway-connection");
            log.accept("Hostaway sandbox account " + settings.hostawayAccountId()
                    + " connected (the Hostaway stand-in)");
        }

        JsonNode keys = expect(api("GET", "/api/keys", token, null), 200, "GET /api/keys");
        Optional<StoredKey> stored = settings.keyFile().read();
        DemoKeyPlan plan = DemoKeyPlan.decide(stored, keys);
        StoredKey key = switch (plan.action()) {
            case REUSE -> stored.orElseThrow();
            case REGENERATE -> issued(expect(api("POST", "/api/keys/" + plan.keyId() + "/regenerate", token,
                    JSON.createObjectNode()), 201, "POST /api/keys/{id}/regenerate"));
            case CREATE -> issued(expect(api("POST", "/api/keys", token,
                    JSON.createObjectNode().put("name", DemoKeyPlan.NAME)), 201, "POST /api/keys"));
        };
        if (plan.action() != DemoKeyPlan.Action.REUSE) {
            settings.keyFile().write(key);
        }
        log.accept("Demo API key " + describe(plan.action()) + " (id " + key.id() + ", kept in "
                + settings.keyFile().path() + ")");

        long waited = awaitGatewayAccepts(key.key());
        log.accept("The MCP gateway accepts the demo key (after " + waited + " ms)");
        return key;
    }

    private static String describe(DemoKeyPlan.Action action) {
        return switch (action) {
            case REUSE -> "reused";
            case REGENERATE -> "regenerated (the kept copy was missing)";
            case CREATE -> "created";
        };
    }

    private String token() throws IOException, InterruptedException {
        URI uri = under(settings.keycloakUrl(), "/realms/" + settings.realm() + "/protocol/openid-connect/token");
        String form = form(Map.of("grant_type", "password", "client_id", settings.clientId(), "username",
                settings.user(), "password", settings.password()));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SeedException("Keycloak does not answer at " + uri + ": " + e, e);
        }
        JsonNode body = json(response.body());
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            // Keycloak's error and error_description name the problem (invalid_grant: wrong password or user)
            throw new SeedException("Keycloak refused a token for the demo user " + settings.user() + " (HTTP "
                    + response.statusCode() + " " + body.path("error").asText() + ": "
                    + body.path("error_description").asText() + "). The demo password in the data directory's"
                    + " secrets.env must be the one Keycloak imported with the realm.");
        }
        return body.path("access_token").asText();
    }

    /** A dashboard-api call; retried while dashboard-api is unreachable or answers 502/503/504. */
    private HttpResponse<String> api(String method, String path, String token, JsonNode body)
            throws IOException, InterruptedException {
        URI uri = under(settings.dashboardUrl(), path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        long deadline = System.nanoTime() + settings.patience().toNanos();
        while (true) {
            String problem;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status != 502 && status != 503 && status != 504) {
                    return response;
                }
                problem = "HTTP " + status + " " + detail(response);
            } catch (IOException e) {
                problem = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new SeedException(method + " " + uri + " still fails after " + settings.patience().toSeconds()
                        + " s: " + problem);
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
    }

    private static JsonNode expect(HttpResponse<String> response, int expected, String call) {
        int status = response.statusCode();
        if (status == expected || (expected == 200 && status / 100 == 2)) {
            return response.body().isBlank() ? JSON.createObjectNode() : json(response.body());
        }
        String hint = switch (status) {
            case 401 -> " dashboard-api did not accept the demo user's bearer token: it must trust the realm's issuer"
                    + " (OIDC_AUTH_SERVER_URL) and accept bearer tokens on /api.";
            case 404, 405 -> " Is dashboard-api's REST API (issue 7) in this build?";
            default -> "";
        };
        throw new SeedException(call + " answered HTTP " + status + " " + detail(response) + "." + hint);
    }

    /** title/detail of a problem+json answer, else the start of the body (error answers carry no secrets). */
    private static String detail(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        JsonNode problem = json(body);
        if (problem.has("title") || problem.has("detail")) {
            return "(" + problem.path("title").asText() + (problem.has("detail") ? ": " + problem.path("detail")
                    .asText() : "") + ")";
        }
        return body.isEmpty() ? "" : "(" + (body.length() > 200 ? body.substring(0, 200) + "..." : body) + ")";
    }

    private static StoredKey issued(JsonNode created) {
        String id = created.path("id").asText();
        String key = created.path("key").asText();
        if (id.isEmpty() || !KEY_FORMAT.matcher(key).matches()) {
            throw new SeedException("dashboard-api's new key has no id or no key in the expected form (fields id and"
                    + " key of the 201 answer)");
        }
        return new StoredKey(id, key);
    }

    /** Polls an MCP initialize with the key until the gateway answers 200 (401 while the key is not known yet). */
    private long awaitGatewayAccepts(String key) throws IOException, InterruptedException {
        ObjectNode initialize = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method",
                "initialize");
        ObjectNode params = initialize.putObject("params").put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "hostmcp-demo-seed").put("version", "1");
        HttpRequest request = HttpRequest.newBuilder(settings.gatewayUrl()).timeout(REQUEST_TIMEOUT)
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(initialize.toString())).build();
        long start = System.nanoTime();
        long deadline = start + settings.patience().toNanos();
        String last;
        Duration pause;
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    response.headers().firstValue("Mcp-Session-Id").ifPresent(session -> endSession(key, session));
                    return Duration.ofNanos(System.nanoTime() - start).toMillis();
                }
                last = "HTTP " + response.statusCode();
                if (response.statusCode() != 401 && response.statusCode() != 429 && response.statusCode() != 503) {
                    throw new SeedException("the MCP gateway " + settings.gatewayUrl() + " answered " + last + " "
                            + detail(response) + " to an initialize with the demo key");
                }
                // 429: too many unknown-key answers from this address (the key was still on its way to the
                // gateway); it says when to try again
                pause = response.statusCode() == 429 ? retryAfter(response) : KEY_POLL;
            } catch (IOException e) {
                last = e.toString();
                pause = KEY_POLL;
            }
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw new SeedException("the MCP gateway " + settings.gatewayUrl() + " still refuses the demo key after "
                        + settings.patience().toSeconds() + " s (" + last + "): is tenant-service's key topic"
                        + " reaching the gateway?");
            }
            Thread.sleep(pause.toMillis());
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return Duration.ofSeconds(response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,4}"))
                .map(Long::parseLong).orElse(1L));
    }

    private void endSession(String key, String sessionId) {
        try {
            http.send(HttpRequest.newBuilder(settings.gatewayUrl()).timeout(REQUEST_TIMEOUT)
                    .header("X-API-Key", key).header("Mcp-Session-Id", sessionId).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the session expires by itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code path} below {@code base} (which may have a path of its own, e.g. behind a proxy). */
    static URI under(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
