package com.hostmcp.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The local stack's Keycloak realm as the tests use it: users created through the admin REST API (with the stack's
 * admin account) and their access tokens from the direct-access-grant client {@code hostmcp-cli}, as a programmatic
 * client of the dashboard API would get them. Passwords and tokens never appear in an exception message.
 */
final class KeycloakRealm {

    static final String REALM = "hostmcp";
    static final String CLI_CLIENT = "hostmcp-cli";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);

    private final Map<User, ReusedToken> reusedTokens = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final String baseUrl;
    private final String adminRealm;
    private final String adminUser;
    private final String adminPassword;
    private String adminToken;
    private long adminTokenValidUntil;

    /**
     * @param keycloakUrl state.env's {@code KEYCLOAK_URL}: the server ({@code http://127.0.0.1:8180}) or the realm
     *        ({@code .../realms/hostmcp}); either works
     * @param adminRealm the realm of the admin account ({@code master} for Keycloak's bootstrap admin)
     */
    KeycloakRealm(HttpClient http, String keycloakUrl, String adminRealm, String adminUser, String adminPassword) {
        this.http = http;
        String url = keycloakUrl.replaceAll("/+$", "");
        int realms = url.indexOf("/realms/");
        this.baseUrl = realms >= 0 ? url.substring(0, realms) : url;
        this.adminRealm = adminRealm;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** A user of the realm: what the test needs to sign in and to clean up. */
    record User(String id, String username, String email, String password) {

        @Override
        public String toString() {
            return "User[" + username + "]"; // never the password
        }
    }

    /** A new enabled user with a verified e-mail and a random password; delete it with {@link #deleteUser}. */
    User createUser(String label) throws IOException, InterruptedException {
        String email = "e2e-" + label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        // the e-mail as user name works whether or not the realm uses e-mails as user names
        String username = email;
        String password = Secrets.password();
        ObjectNode user = JSON.createObjectNode().put("username", username).put("email", email)
                .put("firstName", "E2E").put("lastName", label).put("enabled", true).put("emailVerified", true);
        user.putArray("credentials").addObject().put("type", "password").put("value", password)
                .put("temporary", false);
        HttpResponse<String> created = admin("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused to create user " + username + ": "
                    + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return new User(location.substring(location.lastIndexOf('/') + 1), username, email, password);
    }

    void deleteUser(User user) throws IOException, InterruptedException {
        admin("DELETE", "/users/" + user.id(), null);
    }

    /** An access token for {@code user} by the resource-owner password grant of {@code clientId}. */
    String accessToken(String clientId, User user) throws IOException, InterruptedException {
        HttpResponse<String> response = token(REALM, Map.of("grant_type", "password", "client_id", clientId,
                "username", user.username(), "password", user.password(), "scope", "openid"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " from client " + clientId + ": "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    String accessToken(User user) throws IOException, InterruptedException {
        return accessToken(CLI_CLIENT, user);
    }

    /**
     * The user's access token, fetched again after {@link #TOKEN_REUSE}: well within the realm's five-minute lifetime,
     * and journeys with many users and calls do not ask Keycloak for a token per call.
     */
    String reusedAccessToken(User user) throws IOException, InterruptedException {
        ReusedToken reused = reusedTokens.get(user);
        if (reused == null || System.nanoTime() - reused.fetchedNanos() > TOKEN_REUSE.toNanos()) {
            reused = new ReusedToken(accessToken(user), System.nanoTime());
            reusedTokens.put(user, reused);
        }
        return reused.token();
    }

    private record ReusedToken(String token, long fetchedNanos) {
    }

    /**
     * A copy of {@code templateClientId} (protocol mappers and client scopes, hence the same token audience and
     * claims) whose access tokens live {@code seconds}: an expiring token without changing the realm or the client
     * the other tests use. Returns the copy's internal id (for {@link #deleteClient}) and client id.
     */
    Map<String, String> copyClientWithTokenLifespan(String templateClientId, int seconds)
            throws IOException, InterruptedException {
        HttpResponse<String> found = admin("GET", "/clients?clientId="
                + URLEncoder.encode(templateClientId, StandardCharsets.UTF_8), null);
        JsonNode template = JSON.readTree(found.body()).path(0);
        if (!template.isObject()) {
            throw new IllegalStateException("no client " + templateClientId + " in realm " + REALM + ": "
                    + found.body());
        }
        String clientId = templateClientId + "-short-lived-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode copy = JSON.createObjectNode().put("clientId", clientId).put("protocol", "openid-connect")
                .put("publicClient", true).put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false).put("enabled", true);
        copy.putObject("attributes").put("access.token.lifespan", String.valueOf(seconds));
        ArrayNode mappers = copy.putArray("protocolMappers");
        for (JsonNode mapper : template.path("protocolMappers")) {
            mappers.add(((ObjectNode) mapper.deepCopy()).without("id"));
        }
        for (String scopes : new String[] { "defaultClientScopes", "optionalClientScopes" }) {
            if (template.has(scopes)) {
                copy.set(scopes, template.get(scopes));
            }
        }
        HttpResponse<String> created = admin("POST", "/clients", copy);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the client copy: " + created.statusCode() + " "
                    + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return Map.of("id", location.substring(location.lastIndexOf('/') + 1), "clientId", clientId);
    }

    void deleteClient(String internalId) throws IOException, InterruptedException {
        admin("DELETE", "/clients/" + internalId, null);
    }

    /** The realm's token endpoint's issuer, as it appears in the tokens ({@code iss}). */
    String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    private HttpResponse<String> admin(String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + REALM + path))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + adminToken())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The admin's token, renewed well before it ends (the master realm's tokens live one minute); synchronized for
     * journeys that create users from several threads.
     */
    private synchronized String adminToken() throws IOException, InterruptedException {
        if (adminToken == null || System.currentTimeMillis() > adminTokenValidUntil) {
            long askedAt = System.currentTimeMillis();
            HttpResponse<String> response = token(adminRealm, Map.of("grant_type", "password", "client_id",
                    "admin-cli", "username", adminUser, "password", adminPassword));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Keycloak admin " + adminUser + " cannot sign in to realm "
                        + adminRealm + ": " + response.statusCode() + " " + response.body());
            }
            JsonNode token = JSON.readTree(response.body());
            adminToken = token.path("access_token").asText();
            adminTokenValidUntil = askedAt + token.path("expires_in").asLong(60) * 1000 / 2;
        }
        return adminToken;
    }

    private HttpResponse<String> token(String realm, Map<String, String> form)
            throws IOException, InterruptedException {
        String encoded = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm
                + "/protocol/openid-connect/token")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
