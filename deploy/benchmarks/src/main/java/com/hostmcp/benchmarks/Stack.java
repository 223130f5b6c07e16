package com.hostmcp.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.standin.hostaway.HostawayAccount;

/**
 * The running local platform the benchmarks measure, as {@code deploy/local/up} describes it in its state file
 * ({@code .run/state.env}) and the secrets it generated ({@code .data/secrets.env}), plus the calls every benchmark
 * needs: internal service tokens, organizations with their own sandbox account and API key, the database and Kafka.
 */
public final class Stack {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The Stripe stand-in's API key in the local stack (a fixed fake, see deploy/local/up). */
    public static final String STRIPE_STAND_IN_KEY = "sk_test_standin_fake";

    /** An organization made for a benchmark: its own Hostaway sandbox account and one API key. */
    public record Organization(UUID id, String owner, HostawayAccount account, UUID keyId, String apiKey) {
    }

    private final Map<String, String> state;
    private final Map<String, String> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String serviceToken;
    private long serviceTokenExpiresAt;

    Stack(Map<String, String> state, Map<String, String> secrets) {
        this.state = Map.copyOf(state);
        this.secrets = Map.copyOf(secrets);
    }

    static Stack load(Path stateFile, Path secretsFile) throws IOException {
        return new Stack(envFile(stateFile), envFile(secretsFile));
    }

    /** A value of state.env (GATEWAY_URL, TENANT_URL, ..., KAFKA_BOOTSTRAP_SERVERS, PG_URL, DB_NAME...). */
    public String state(String name) {
        String value = state.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in the stack's state.env: is the stack up?");
        }
        return value;
    }

    public String gatewayUrl() {
        return state("GATEWAY_URL");
    }

    public String tenantUrl() {
        return state("TENANT_URL");
    }

    public String billingUrl() {
        return state("BILLING_URL");
    }

    public String syncUrl() {
        return state("SYNC_URL");
    }

    public String auditUrl() {
        return state("AUDIT_URL");
    }

    public String dashboardUrl() {
        return state("DASHBOARD_URL");
    }

    public String hostawayUrl() {
        return state("HOSTAWAY_API_URL");
    }

    public String stripeUrl() {
        return state("STRIPE_API_URL");
    }

    /** A value of the generated secrets.env (e.g. KEYCLOAK_ADMIN_PASSWORD, DASHBOARD_API_CLIENT_SECRET). */
    public String secret(String name) {
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in the stack's secrets.env");
        }
        return value;
    }

    public HttpClient http() {
        return http;
    }

    /** Base properties of a Kafka client of the stack's broker. */
    public Properties kafka() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, state("KAFKA_BOOTSTRAP_SERVERS"));
        return properties;
    }

    /** A new connection to the stack's database (every service's schema is in it). */
    public Connection database() throws SQLException {
        String url = "jdbc:postgresql://" + state("DB_HOST") + ":" + state("DB_PORT") + "/" + state("DB_NAME");
        return DriverManager.getConnection(url, state("DB_USER"), state.getOrDefault("DB_PASSWORD", ""));
    }

    /** A client-credentials token of dashboard-api's service account (every internal role), renewed when old. */
    public synchronized String serviceToken() throws IOException, InterruptedException {
        if (serviceToken == null || System.nanoTime() > serviceTokenExpiresAt) {
            HttpResponse<String> response = form(state("OIDC_AUTH_SERVER_URL") + "/protocol/openid-connect/token",
                    Map.of("grant_type", "client_credentials", "client_id", "dashboard-api", "client_secret",
                            secret("DASHBOARD_API_CLIENT_SECRET")));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the service token: " + response.statusCode());
            }
            JsonNode token = JSON.readTree(response.body());
            serviceToken = token.path("access_token").asText();
            // renewed a minute before it expires
            serviceTokenExpiresAt = System.nanoTime()
                    + Duration.ofSeconds(Math.max(10, token.path("expires_in").asLong(300) - 60)).toNanos();
        }
        return serviceToken;
    }

    /**
     * A new organization through tenant-service's internal API, as dashboard-api creates one: registered, connected to
     * {@code account} (tenant-service checks the credentials against Hostaway; sync-service then counts the listings)
     * and given one API key. Billing-service gives it a trial, and the gateway learns it from Kafka: poll before use.
     */
    public Organization createOrganization(String label, HostawayAccount account)
            throws IOException, InterruptedException {
        String owner = "bench-" + UUID.randomUUID();
        JsonNode registered = send("POST", tenantUrl() + "/internal/organizations", owner,
                Map.of("subject", owner, "email", owner + "@example.com", "organizationName", label), 201);
        UUID organization = UUID.fromString(registered.path("organizationId").asText());
        send("PUT", tenantUrl() + "/internal/organizations/" + organization + "/hostaway-credentials", owner,
                Map.of("accountId", Long.toString(account.accountId()), "secretKey", account.secret()), 200);
        JsonNode key = send("POST", tenantUrl() + "/internal/organizations/" + organization + "/api-keys", owner,
                Map.of("name", "benchmark"), 201);
        return new Organization(organization, owner, account, UUID.fromString(key.path("id").asText()),
                key.path("key").asText());
    }

    /** An internal API call with the service token acting for {@code actingUser}; fails unless it answers expected. */
    public JsonNode send(String method, String url, String actingUser, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + serviceToken()).header("Accept", "application/json");
        if (actingUser != null) {
            request.header("X-Acting-User", actingUser);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + " (expected "
                    + expected + "): " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** A Hostaway access token of a sandbox account, straight from the stand-in (for direct calls). */
    public String hostawayToken(HostawayAccount account) throws IOException, InterruptedException {
        HttpResponse<String> response = form(hostawayUrl() + "/v1/accessTokens",
                Map.of("grant_type", "client_credentials", "client_id", Long.toString(account.accountId()),
                        "client_secret", account.secret(), "scope", "general"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the Hostaway stand-in refused a token: " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> form(String url, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** KEY=value lines; blank lines and # comments ignored. */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals).trim(), line.substring(equals + 1));
            }
        }
        return values;
    }
}
