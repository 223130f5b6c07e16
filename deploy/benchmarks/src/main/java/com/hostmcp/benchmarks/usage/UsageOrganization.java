package com.hostmcp.benchmarks.usage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.benchmarks.Stack;

/**
 * The one real organization the audit-ingestion and dashboard benchmarks share: owned by a Keycloak user created
 * through the admin API, made by that user's first {@code GET /api/me}, with a few API keys made through
 * {@code POST /api/keys}, all as a programmatic client of dashboard-api (bearer token of the {@code hostmcp-cli} client's
 * password grant). Passwords and tokens never appear in messages.
 */
public final class UsageOrganization {

    private static final String ADMIN_USER = "admin";
    private static final String CLI_CLIENT = "hostmcp-cli";
    private static final int KEYS = 3;
    /** User tokens live five minutes in the realm: renewed every minute. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);

    private String username;
    private String password;
    private String token;
    private long tokenFetchedAt;
    private UUID organizationId;
    private final List<UUID> keyIds = new ArrayList<>();

    /** Creates the user, the organization and its keys on the first call; later calls answer the same. */
    public synchronized UUID ensure(Stack stack) throws IOException, InterruptedException {
        if (organizationId == null) {
            createUser(stack);
            HttpResponse<String> me = api(stack, "GET", "/api/me", null);
            if (me.statusCode() != 200) {
                throw new IllegalStateException("GET /api/me answered " + me.statusCode() + ": " + me.body());
            }
            organizationId = UUID.fromString(Stack.JSON.readTree(me.body()).at("/organization/id").asText());
            for (int i = 0; i < KEYS; i++) {
                HttpResponse<String> key = api(stack, "POST", "/api/keys", Map.of("name", "usage-benchmark-" + i));
                if (key.statusCode() != 201) {
                    throw new IllegalStateException("POST /api/keys answered " + key.statusCode());
                }
                keyIds.add(UUID.fromString(Stack.JSON.readTree(key.body()).path("id").asText()));
            }
        }
        return organizationId;
    }

    public synchronized List<UUID> keyIds() {
        return List.copyOf(keyIds);
    }

    /** A dashboard-api request with the owner's bearer token (no CSRF token needed with a bearer token). */
    public HttpResponse<String> api(Stack stack, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token(stack))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(Stack.JSON.writeValueAsString(body)));
        }
        return stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The owner's access token, renewed every minute (outside the measured requests' own time). */
    public synchronized String token(Stack stack) throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenFetchedAt > TOKEN_REUSE.toNanos()) {
            HttpResponse<String> response = tokenRequest(stack, stack.state("KEYCLOAK_REALM"), Map.of("grant_type",
                    "password", "client_id", CLI_CLIENT, "username", username, "password", password, "scope",
                    "openid"));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak gave the benchmark user no token: " + response.statusCode());
            }
            token = Stack.JSON.readTree(response.body()).path("access_token").asText();
            tokenFetchedAt = System.nanoTime();
        }
        return token;
    }

    private void createUser(Stack stack) throws IOException, InterruptedException {
        username = "benchmark-usage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        password = randomPassword();
        HttpResponse<String> admin = tokenRequest(stack, "master", Map.of("grant_type", "password", "client_id",
                "admin-cli", "username", ADMIN_USER, "password", stack.secret("KEYCLOAK_ADMIN_PASSWORD")));
        if (admin.statusCode() != 200) {
            throw new IllegalStateException("the Keycloak admin cannot sign in: " + admin.statusCode());
        }
        ObjectNode user = Stack.JSON.createObjectNode().put("username", username).put("email", username)
                .put("firstName", "Usage").put("lastName", "Benchmark").put("enabled", true)
                .put("emailVerified", true);
        user.putArray("credentials").addObject().put("type", "password").put("value", password)
                .put("temporary", false);
        HttpResponse<String> created = stack.http().send(HttpRequest.newBuilder(URI.create(keycloakBase(stack)
                + "/admin/realms/" + stack.state("KEYCLOAK_REALM") + "/users")).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + Stack.JSON.readTree(admin.body()).path("access_token").asText())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user
                        .toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the benchmark user: " + created.statusCode() + " "
                    + created.body());
        }
    }

    private static HttpResponse<String> tokenRequest(Stack stack, String realm, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return stack.http().send(HttpRequest.newBuilder(URI.create(keycloakBase(stack) + "/realms/" + realm
                + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String keycloakBase(Stack stack) {
        return stack.state("KEYCLOAK_URL").replaceAll("/+$", "");
    }

    /** 32 random letters and digits, made at run time (never a fixed credential in the repository). */
    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /** The JSON of a dashboard-api answer that must be 200. */
    static JsonNode ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri().getPath() + " answered " + response
                    .statusCode() + ": " + response.body());
        }
        return Stack.JSON.readTree(response.body());
    }
}
