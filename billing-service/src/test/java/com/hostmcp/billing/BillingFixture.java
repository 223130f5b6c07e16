package com.hostmcp.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.standin.stripe.StripeStandIn;
import com.hostmcp.standin.stripe.StripeWebhookSender;
import com.hostmcp.standin.stripe.StripeWebhookSigner;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.standin.StripeStandInResource;

import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What billing tests share: organizations opened through tenant.events.v1, listing counts through
 * sync.listing-counts.v1, checkouts through the internal API, Stripe's side through the stand-in (its simulation helpers
 * and signed webhooks), and reads of billing's tables and topics. Every test works on organizations of its own.
 */
public final class BillingFixture implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final String SUCCESS_URL = "http://localhost:8081/billing/success?session={CHECKOUT_SESSION_ID}";
    public static final String CANCEL_URL = "http://localhost:8081/billing";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final KafkaCompanion kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());

    public BillingFixture(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    @Override
    public void close() {
        kafka.close();
    }

    public StripeStandIn stripe() {
        return StripeStandInResource.standIn();
    }

    public KafkaCompanion kafka() {
        return kafka;
    }

    // ------------------------------------------------------------------ events we consume

    /** A contract-valid OrganizationCreated, as tenant-service publishes it. */
    public String organizationCreated(UUID organizationId) {
        ObjectNode data = mapper.createObjectNode()
                .put("organizationId", organizationId.toString())
                .put("name", "Pine Lodges")
                .put("ownerSubject", "owner-" + organizationId);
        data.putObject("actor").put("type", "USER").put("id", "owner-" + organizationId);
        return event("com.hostmcp.tenant.OrganizationCreated.v1", "/tenant-service", organizationId, data);
    }

    /** A contract-valid ListingCountSynced, as sync-service publishes it. */
    public String listingCount(UUID organizationId, UUID runId, int active, int total, Instant syncedAt) {
        ObjectNode data = mapper.createObjectNode()
                .put("organizationId", organizationId.toString())
                .put("runId", runId.toString())
                .put("trigger", "ON_DEMAND")
                .put("activeListings", active)
                .put("totalListings", total)
                .put("durationMs", 120)
                .put("syncedAt", syncedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return event("com.hostmcp.sync.ListingCountSynced.v1", "/sync-service", organizationId, data);
    }

    private String event(String type, String source, UUID organizationId, ObjectNode data) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("source", source)
                .put("subject", organizationId.toString())
                .put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        String json = event.toString();
        EventContracts.assertValid(json);
        return json;
    }

    /** In order, keyed by organization as the producers key them. */
    public void produce(String topic, UUID organizationId, String... values) {
        List<ProducerRecord<String, String>> records = List.of(values).stream()
                .map(value -> new ProducerRecord<>(topic, organizationId.toString(), value)).toList();
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    /** A new organization, announced on tenant.events.v1; returns once billing has opened its account. */
    public UUID newOrganization() {
        UUID organizationId = UUID.randomUUID();
        produce("tenant.events.v1", organizationId, organizationCreated(organizationId));
        await().atMost(WAIT).until(() -> entitlement(organizationId).isPresent());
        return organizationId;
    }

    /** Reports a listing count and waits until billing has decided what it does to the quantity; answers that. */
    public String reportCount(UUID organizationId, int active) {
        UUID runId = UUID.randomUUID();
        produce("sync.listing-counts.v1", organizationId,
                listingCount(organizationId, runId, active, active + 2, Instant.now()));
        return awaitCountOutcome(organizationId, runId);
    }

    public String awaitCountOutcome(UUID organizationId, UUID runId) {
        return await().atMost(WAIT).until(() -> {
            Optional<Row> row = one("SELECT quantity_outcome FROM billing.listing_counts"
                    + " WHERE organization_id = $1 AND run_id = $2", organizationId, runId);
            return row.map(r -> r.getString(0)).filter(outcome -> !"PENDING".equals(outcome)).orElse(null);
        }, outcome -> outcome != null);
    }

    // ------------------------------------------------------------------ checkout and subscriptions

    /** Starts a checkout through the internal API; answers the Checkout Session id. */
    public String startCheckout(UUID organizationId) {
        return given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", SUCCESS_URL, "cancelUrl", CANCEL_URL))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(201).extract().path("sessionId");
    }

    /**
     * A paying organization: counts {@code listings}, checks out, pays, and gets Stripe's events delivered. Answers the
     * subscription id once billing has it.
     */
    public String subscribedOrganization(UUID organizationId, int listings) {
        reportCount(organizationId, listings);
        String sessionId = startCheckout(organizationId);
        int mark = stripe().events().size();
        String completed = stripe().completeCheckout(sessionId);
        deliverAll(eventsSince(mark));
        String subscriptionId = json(completed).at("/data/object/subscription").asText();
        await().atMost(WAIT).until(() -> subscription(subscriptionId).isPresent());
        return subscriptionId;
    }

    /** The events the stand-in emitted after {@code mark} (an earlier size of {@code events()}), oldest first. */
    public List<String> eventsSince(int mark) {
        List<String> all = stripe().events();
        return new ArrayList<>(all.subList(mark, all.size()));
    }

    /** The emitted events of one type after {@code mark}. */
    public List<String> eventsSince(int mark, String type) {
        return eventsSince(mark).stream().filter(e -> type.equals(json(e).path("type").asText())).toList();
    }

    public String webhookUrl() {
        return "http://localhost:" + RestAssured.port + "/webhooks/stripe";
    }

    /** Signs the event now with the endpoint's secret and POSTs it, as Stripe does; answers the HTTP status. */
    public int deliver(String eventJson) {
        try {
            return StripeWebhookSender.send(webhookUrl(), StripeWebhookSigner.TEST_WEBHOOK_SECRET, eventJson);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Delivers the events in order; each must be acknowledged with a 2xx. */
    public void deliverAll(List<String> events) {
        for (String event : events) {
            int status = deliver(event);
            if (status / 100 != 2) {
                throw new AssertionError("webhook " + json(event).path("type").asText() + " answered " + status);
            }
        }
    }

    // ------------------------------------------------------------------ billing's state

    public Optional<Row> entitlement(UUID organizationId) {
        return one("SELECT state, mcp_access, reason, valid_until, version FROM billing.entitlements"
                + " WHERE organization_id = $1", organizationId);
    }

    public Optional<Row> subscription(String subscriptionId) {
        return one("SELECT status, quantity, cancel_at_period_end, current_period_end, item_id, state_as_of"
                + " FROM billing.subscriptions WHERE subscription_id = $1", subscriptionId);
    }

    public long countRows(String sql, Object... params) {
        return one(sql, params).map(row -> row.getLong(0)).orElse(0L);
    }

    public Optional<Row> one(String sql, Object... params) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT);
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    public void execute(String sql, Object... params) {
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT);
    }

    /** The events billing wrote to its outbox for the organization (in commit order), as whole CloudEvents. */
    public List<JsonNode> outbox(UUID organizationId, String type) {
        List<JsonNode> events = new ArrayList<>();
        pool.preparedQuery("SELECT payload FROM billing.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY id")
                .execute(Tuple.of(organizationId.toString(), type)).await().atMost(WAIT)
                .forEach(row -> events.add(json(row.getString("payload"))));
        return events;
    }

    /** A consumer of a topic from its beginning, in a group of its own; stop it when done. */
    public ConsumerTask<String, String> consume(String topic) {
        return kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID()).withAutoCommit().fromTopics(topic);
    }

    /** Waits for the first record of the organization on the consumer's topic that matches; answers it. */
    public ConsumerRecord<String, String> awaitRecord(ConsumerTask<String, String> consumer, UUID organizationId,
            Predicate<JsonNode> matches, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(() -> consumer.getRecords().stream()
                .filter(r -> organizationId.toString().equals(r.key()) && r.value() != null)
                .filter(r -> matches.test(json(r.value())))
                .findFirst().orElse(null), record -> record != null);
    }

    public JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
