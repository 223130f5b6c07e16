package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * One organization's path through the running platform (issue 5's end-to-end requirement): sign-up (tenant-service)
 * gives a trial (billing-service); connecting Hostaway makes sync-service count the listings; Checkout in Stripe
 * subscribes with that quantity; a new listing plus "Sync Now" changes the Stripe quantity; a failed payment makes the
 * gateway refuse within 5 s and a successful one restores it. Only public or internal HTTP APIs and Kafka are used,
 * as dashboard-api and Stripe would use them.
 */
final class CrossServiceJourney {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final Duration GATEWAY_WITHIN = Duration.ofSeconds(5);
    /** Its own sandbox account (the journey adds a listing): the demo organization uses MEDIUM. */
    private static final long ACCOUNT = HostawaySeedAccounts.SMALL_ACCOUNT_ID;
    private static final String SECRET = HostawaySeedAccounts.SMALL_SECRET;
    private static final String STRIPE_KEY = "sk_test_standin_fake";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> state;
    private final Map<String, Integer> ports;
    private final String token;

    /** @param serviceToken a client-credentials token of dashboard-api's service account (all four internal roles) */
    CrossServiceJourney(Map<String, String> state, Map<String, Integer> ports, String serviceToken) {
        this.state = state;
        this.ports = ports;
        this.token = serviceToken;
    }

    void run() throws Exception {
        String owner = "journey-" + UUID.randomUUID();
        JsonNode registered = send("POST", url("tenant-service", "/internal/organizations"), owner,
                Map.of("subject", owner, "email", owner + "@example.com", "organizationName", "Journey"), 201);
        String organization = registered.path("organizationId").asText();
        String billing = url("billing-service", "/internal/organizations/" + organization + "/billing");

        // 404 until billing-service has consumed OrganizationCreated
        awaitTrue("billing-service gives the new organization a trial",
                () -> "TRIAL".equals(getOrMissing(billing).at("/entitlement/state").asText()));

        send("PUT", url("tenant-service", "/internal/organizations/" + organization + "/hostaway-credentials"), owner,
                Map.of("accountId", Long.toString(ACCOUNT), "secretKey", SECRET), 200);
        int active = activeListings();
        awaitTrue("sync-service counts the " + active + " active listings on connect and billing-service records it",
                () -> get(billing).at("/listingCount/activeListings").asInt(-1) == active);

        String apiKey = send("POST", url("tenant-service", "/internal/organizations/" + organization + "/api-keys"),
                owner, Map.of("name", "journey"), 201).path("key").asText();

        JsonNode checkout = send("POST", billing + "/checkout-sessions", owner,
                Map.of("successUrl", state.get("DASHBOARD_URL") + "/billing?done",
                        "cancelUrl", state.get("DASHBOARD_URL") + "/billing"),
                201);
        assertThat(checkout.path("quantity").asInt()).as("checkout quantity = active listings").isEqualTo(active);
        // the "Pay" button of the stand-in's hosted checkout page the user is sent to
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(checkout.path("url").asText()
                + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as("paying on the Stripe stand-in's checkout page: %s", paid.body()).isIn(200,
                302, 303);
        awaitTrue("the checkout webhooks make the organization ACTIVE with a subscription",
                () -> "ACTIVE".equals(get(billing).at("/entitlement/state").asText())
                        && !get(billing).path("subscription").isNull());
        String subscription = get(billing).at("/subscription/id").asText();
        assertThat(stripeQuantity(subscription)).isEqualTo(active);

        addListing();
        requestSync(organization);
        awaitTrue("Sync Now counts " + (active + 1) + " listings and billing-service sets the Stripe quantity",
                () -> stripeQuantity(subscription) == active + 1);

        long listing = ACCOUNT * 10_000 + 1;
        McpSession mcp = new McpSession(http, state.get("GATEWAY_URL"), apiKey);
        assertThat(mcp.callTool("get_listing", Map.of("listingId", listing))).doesNotStartWith("[");

        simulate(subscription, "fail-payment");
        Duration refused = timeUntil(() -> mcp.callTool("get_listing", Map.of("listingId", listing))
                .startsWith("[entitlement]"));
        simulate(subscription, "succeed-payment");
        Duration restored = timeUntil(() -> !mcp.callTool("get_listing", Map.of("listingId", listing))
                .startsWith("["));
        System.out.printf("cross-service journey: payment failure -> gateway refusal %d ms, payment -> access %d ms%n",
                refused.toMillis(), restored.toMillis());
        assertThat(refused).isLessThan(GATEWAY_WITHIN);
        assertThat(restored).isLessThan(GATEWAY_WITHIN);
    }

    private int activeListings() throws Exception {
        JsonNode page = hostaway("GET", "/v1/listings?limit=500", null);
        int active = 0;
        for (JsonNode listing : page.path("result")) {
            if (!"archived".equals(listing.path("specialStatus").asText())) {
                active++;
            }
        }
        return active;
    }

    private void addListing() throws Exception {
        ObjectNode listing = JSON.createObjectNode().put("name", "Journey loft " + UUID.randomUUID())
                .put("externalListingName", "Journey loft").put("city", "Lisbon").put("countryCode", "PT")
                .put("price", 120).put("currencyCode", "EUR").put("personCapacity", 2);
        assertThat(hostaway("POST", "/v1/listings", listing).path("status").asText()).isEqualTo("success");
    }

    private JsonNode hostaway(String method, String path, JsonNode body) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + ACCOUNT + "&client_secret="
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "&scope=general";
        HttpResponse<String> tokenResponse = http.send(HttpRequest.newBuilder(URI.create(state.get("HOSTAWAY_API_URL")
                + "/v1/accessTokens")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(tokenResponse.body()).path("access_token").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(state.get("HOSTAWAY_API_URL") + path))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** "Sync Now" as dashboard-api sends it: a SyncRequested on sync.requests.v1. */
    private void requestSync(String organization) throws Exception {
        String now = Instant.now().toString();
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("type", "com.hostmcp.sync.SyncRequested.v1").put("source", "/dashboard-api")
                .put("subject", organization).put("time", now).put("datacontenttype", "application/json");
        event.putObject("data").put("organizationId", organization).put("requestId", UUID.randomUUID().toString())
                .put("requestedBy", UUID.randomUUID().toString()).put("requestedAt", now);
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, state.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("sync.requests.v1", organization, event.toString())).get();
        }
    }

    private int stripeQuantity(String subscription) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(state.get("STRIPE_API_URL")
                + "/v1/subscriptions/" + subscription)).header("Authorization", "Bearer " + STRIPE_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).at("/items/data/0/quantity").asInt(-1);
    }

    private void simulate(String subscription, String action) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(state.get("STRIPE_API_URL")
                + "/_simulate/subscriptions/" + subscription + "/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", action, response.body()).isEqualTo(200);
    }

    private String url(String service, String path) {
        return "http://127.0.0.1:" + ports.get(service) + path;
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The JSON of a 200 answer, or a missing node for any other status (not there yet). */
    private JsonNode getOrMissing(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.missingNode();
    }

    private JsonNode send(String method, String url, String actingUser, Map<String, ?> body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("X-Acting-User", actingUser)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static void awaitTrue(String what, ThrowingCondition condition) {
        await(what).atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                .until(condition::holds);
    }

    private static Duration timeUntil(Supplier<Boolean> condition) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).pollInSameThread()
                .until(condition::get);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
