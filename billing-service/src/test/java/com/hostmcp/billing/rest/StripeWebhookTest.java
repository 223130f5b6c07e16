package com.hostmcp.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.billing.BillingFixture;
import com.hostmcp.billing.messaging.BillingTopics;
import com.hostmcp.standin.stripe.StripeStandIn;
import com.hostmcp.standin.stripe.StripeWebhookSigner;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.StripeStandInResource;
import com.stripe.StripeClient;
import com.stripe.param.SubscriptionItemUpdateParams;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** Stripe's webhooks: signed, processed once each, in any order, and fast enough to suspend within seconds. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StripeStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class StripeWebhookTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ENTITLEMENT = "com.hostmcp.billing.EntitlementChanged.v1";
    private static final String PAYMENT_FAILED = "com.hostmcp.billing.PaymentFailed.v1";

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    BillingFixture fixture;
    StripeStandIn stripe;

    @BeforeEach
    void setUp() {
        fixture = new BillingFixture(pool, mapper);
        stripe = fixture.stripe();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aValidlySignedEventIsProcessedAndAcknowledged() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String invoiceId = stripe.latestInvoiceId(subscriptionId);
        String finalized = stripe.invoiceFinalized(invoiceId);

        long answeredMs = post(finalized, sign(finalized)).statusCode(200).body("received", equalTo(true))
                .body("outcome", equalTo("APPLIED")).extract().time();
        System.out.printf("invoice.finalized webhook answered 200 in %d ms%n", answeredMs);

        assertThat(fixture.one("SELECT outcome FROM billing.stripe_events WHERE event_id = $1", eventId(finalized))
                .orElseThrow().getString(0)).isEqualTo("APPLIED");
        assertThat(fixture.countRows("SELECT count(*) FROM billing.invoices WHERE invoice_id = $1"
                + " AND organization_id = $2", invoiceId, organizationId)).isEqualTo(1);
    }

    @Test
    void aCompletedCheckoutAloneFetchesItsSubscriptionAndActivates() {
        UUID organizationId = fixture.newOrganization();
        String sessionId = fixture.startCheckout(organizationId);
        // Stripe does not order its events: here the checkout's arrives before the subscription's own
        String completed = stripe.completeCheckout(sessionId);
        String subscriptionId = fixture.json(completed).at("/data/object/subscription").asText();
        int fetches = stripe.requestCount("GET", "/v1/subscriptions/" + subscriptionId);

        post(completed, sign(completed)).statusCode(200).body("outcome", equalTo("APPLIED"));

        assertThat(stripe.requestCount("GET", "/v1/subscriptions/" + subscriptionId)).isEqualTo(fetches + 1);
        assertThat(fixture.subscription(subscriptionId).orElseThrow().getString("status")).isEqualTo("active");
        assertThat(fixture.entitlement(organizationId).orElseThrow().getString("state")).isEqualTo("ACTIVE");
        assertThat(fixture.outbox(organizationId, "com.hostmcp.billing.SubscriptionStarted.v1")).hasSize(1);
    }

    @Test
    void missingInvalidOrExpiredSignaturesAre400AndNothingIsProcessed() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String failed = stripe.failPayment(subscriptionId);
        long now = Instant.now().getEpochSecond();

        given().contentType("application/json").body(failed).post("/webhooks/stripe")
                .then().statusCode(400).contentType(PROBLEM).body("detail", startsWith("the Stripe-Signature header"));
        post(failed, StripeWebhookSigner.signatureHeader(failed, "whsec_someone_else")).statusCode(400)
                .contentType(PROBLEM);
        post(failed, "t=" + now + ",v1=" + "0".repeat(64)).statusCode(400).contentType(PROBLEM);
        post(failed, "garbage").statusCode(400).contentType(PROBLEM);
        // signed correctly, but 301 s ago: outside the 300 s tolerance (a replay)
        post(failed, StripeWebhookSigner.signatureHeader(failed, StripeWebhookSigner.TEST_WEBHOOK_SECRET, now - 301))
                .statusCode(400).contentType(PROBLEM);
        // a valid signature of another body
        post(failed.replace("payment_failed", "paid"), sign(failed)).statusCode(400).contentType(PROBLEM);

        assertThat(fixture.countRows("SELECT count(*) FROM billing.stripe_events WHERE event_id = $1", eventId(failed)))
                .isZero();
        assertThat(fixture.entitlement(organizationId).orElseThrow().getString("state")).isEqualTo("ACTIVE");
        assertThat(fixture.outbox(organizationId, PAYMENT_FAILED)).isEmpty();

        // the same event, properly signed within the tolerance, does have an effect
        post(failed, StripeWebhookSigner.signatureHeader(failed, StripeWebhookSigner.TEST_WEBHOOK_SECRET, now - 290))
                .statusCode(200);
        assertThat(fixture.entitlement(organizationId).orElseThrow().getString("state")).isEqualTo("SUSPENDED");
    }

    @Test
    void theSameEventDeliveredThreeTimesHasOneEffect() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        long version = fixture.entitlement(organizationId).orElseThrow().getLong("version");
        String failed = stripe.failPayment(subscriptionId);

        post(failed, sign(failed)).statusCode(200).body("outcome", equalTo("APPLIED"));
        post(failed, sign(failed)).statusCode(200).body("outcome", equalTo("DUPLICATE"));
        post(failed, sign(failed)).statusCode(200).body("outcome", equalTo("DUPLICATE"));

        assertThat(fixture.outbox(organizationId, PAYMENT_FAILED)).hasSize(1);
        assertThat(fixture.entitlement(organizationId).orElseThrow().getLong("version")).isEqualTo(version + 1);
        assertThat(fixture.countRows("SELECT count(*) FROM billing.stripe_events WHERE event_id = $1", eventId(failed)))
                .isEqualTo(1);
    }

    @Test
    void theSameEventDeliveredThreeTimesAtOnceHasOneEffect() throws Exception {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String failed = stripe.failPayment(subscriptionId);

        List<String> outcomes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Callable<String>> deliveries = List.of(() -> deliverForOutcome(failed), () -> deliverForOutcome(failed),
                    () -> deliverForOutcome(failed));
            for (Future<String> outcome : threads.invokeAll(deliveries)) {
                outcomes.add(outcome.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(outcomes).containsExactlyInAnyOrder("APPLIED", "DUPLICATE", "DUPLICATE");
        assertThat(fixture.outbox(organizationId, PAYMENT_FAILED)).hasSize(1);
    }

    @Test
    void subscriptionUpdatesDeliveredNewestFirstLeaveTheNewestState() throws Exception {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String itemId = fixture.subscription(subscriptionId).orElseThrow().getString("item_id");
        List<String> updates = changeQuantityInStripe(itemId, 4, 6);
        // Stripe's created has whole seconds; here the two changes are seconds apart, and after the stored state
        long stored = fixture.subscription(subscriptionId).orElseThrow().getLong("state_as_of");
        String older = withCreated(updates.get(0), stored + 5);
        String newer = withCreated(updates.get(1), stored + 10);
        int fetches = stripe.requestCount("GET", "/v1/subscriptions/" + subscriptionId);

        post(newer, sign(newer)).statusCode(200).body("outcome", equalTo("APPLIED"));
        post(older, sign(older)).statusCode(200).body("outcome", equalTo("STALE"));

        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(6);
        assertThat(stripe.requestCount("GET", "/v1/subscriptions/" + subscriptionId))
                .as("ordered by created, no need to ask Stripe").isEqualTo(fetches);
        List<JsonNode> updated = fixture.outbox(organizationId, "com.hostmcp.billing.SubscriptionUpdated.v1");
        assertThat(updated).hasSize(1);
        EventContracts.assertValid(updated.get(0).toString());
        assertThat(updated.get(0).at("/data/quantity").asLong()).isEqualTo(6);
    }

    @Test
    void subscriptionUpdatesOfTheSameSecondDeliveredNewestFirstAreSettledByStripe() throws Exception {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String itemId = fixture.subscription(subscriptionId).orElseThrow().getString("item_id");
        List<String> updates = changeQuantityInStripe(itemId, 4, 6);
        // both in one second (after the stored state): created cannot order them
        long stored = fixture.subscription(subscriptionId).orElseThrow().getLong("state_as_of");
        String older = withCreated(updates.get(0), stored + 10);
        String newer = withCreated(updates.get(1), stored + 10);
        int fetches = stripe.requestCount("GET", "/v1/subscriptions/" + subscriptionId);

        post(newer, sign(newer)).statusCode(200).body("outcome", equalTo("APPLIED"));
        post(older, sign(older)).statusCode(200).body("outcome", equalTo("APPLIED"));

        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(6);
        assertThat(stripe.requestCount("GET", "/v1/subscriptions/" + subscriptionId))
                .as("the tie is settled by the subscription as Stripe has it now").isEqualTo(fetches + 1);
    }

    @Test
    void aFailedPaymentSuspendsOnKafkaWithinTwoSecondsAndAPaidInvoiceRestoresAccess() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        var consumer = fixture.consume(BillingTopics.ENTITLEMENTS);
        try {
            int mark = stripe.events().size();
            String failed = stripe.failPayment(subscriptionId);
            String invoiceId = fixture.json(failed).at("/data/object/id").asText();
            List<String> failureEvents = fixture.eventsSince(mark);

            long sent = System.currentTimeMillis();
            long started = System.nanoTime();
            fixture.deliverAll(failureEvents);
            var suspended = fixture.awaitRecord(consumer, organizationId,
                    e -> "SUSPENDED".equals(e.at("/data/state").asText()), Duration.ofSeconds(2));
            long seenMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("invoice.payment_failed -> SUSPENDED on billing.entitlements.v1: %d ms to the record's"
                    + " timestamp, %d ms until a consumer had it%n", suspended.timestamp() - sent, seenMs);

            EventContracts.assertValid(suspended.value());
            JsonNode data = fixture.json(suspended.value()).path("data");
            assertThat(data.path("mcpAccess").asBoolean()).isFalse();
            assertThat(data.path("reason").asText()).isEqualTo("invoice " + invoiceId + " payment failed");
            assertThat(suspended.timestamp() - sent).isLessThan(2000);
            long suspendedVersion = data.path("version").asLong();

            mark = stripe.events().size();
            stripe.succeedPayment(subscriptionId);
            sent = System.currentTimeMillis();
            fixture.deliverAll(fixture.eventsSince(mark));
            var active = fixture.awaitRecord(consumer, organizationId,
                    e -> e.at("/data/version").asLong() > suspendedVersion, Duration.ofSeconds(2));
            System.out.printf("invoice.paid -> ACTIVE on billing.entitlements.v1: %d ms to the record's timestamp%n",
                    active.timestamp() - sent);

            EventContracts.assertValid(active.value());
            JsonNode restored = fixture.json(active.value()).path("data");
            assertThat(restored.path("state").asText()).isEqualTo("ACTIVE");
            assertThat(restored.path("mcpAccess").asBoolean()).isTrue();
            assertThat(restored.path("reason").asText()).isEqualTo("invoice " + invoiceId + " paid");
        } finally {
            consumer.stop();
        }
        List<JsonNode> payments = fixture.outbox(organizationId, "com.hostmcp.billing.PaymentSucceeded.v1");
        assertThat(payments).hasSizeGreaterThanOrEqualTo(2); // the checkout's first invoice and the retried one
        payments.forEach(p -> EventContracts.assertValid(p.toString()));
        fixture.outbox(organizationId, PAYMENT_FAILED).forEach(p -> EventContracts.assertValid(p.toString()));
    }

    @Test
    void aPaymentFailureDeliveredAfterTheSameInvoiceWasPaidChangesNothing() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String failed = stripe.failPayment(subscriptionId);
        int mark = stripe.events().size();
        String paid = stripe.succeedPayment(subscriptionId);

        fixture.deliverAll(fixture.eventsSince(mark));
        post(failed, sign(failed)).statusCode(200).body("outcome", equalTo("STALE"));

        assertThat(fixture.json(paid).at("/data/object/id").asText())
                .isEqualTo(fixture.json(failed).at("/data/object/id").asText());
        assertThat(fixture.entitlement(organizationId).orElseThrow().getString("state")).isEqualTo("ACTIVE");
        assertThat(fixture.outbox(organizationId, PAYMENT_FAILED)).isEmpty();
    }

    @Test
    void everyPublishedBillingEventOfASubscriptionsLifeIsContractValid() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        // each step's events are delivered before the next step, as Stripe would send them
        for (Runnable step : List.<Runnable> of(() -> stripe.failPayment(subscriptionId),
                () -> stripe.succeedPayment(subscriptionId),
                () -> stripe.subscriptionEvent("customer.subscription.deleted", subscriptionId))) {
            int mark = stripe.events().size();
            step.run();
            fixture.deliverAll(fixture.eventsSince(mark));
        }

        List<String> types = List.of(ENTITLEMENT, PAYMENT_FAILED, "com.hostmcp.billing.PaymentSucceeded.v1",
                "com.hostmcp.billing.SubscriptionStarted.v1", "com.hostmcp.billing.SubscriptionUpdated.v1",
                "com.hostmcp.billing.SubscriptionCanceled.v1");
        for (String type : types) {
            List<JsonNode> events = fixture.outbox(organizationId, type);
            assertThat(events).as(type).isNotEmpty();
            events.forEach(event -> EventContracts.assertValid(event.toString()));
        }
        assertThat(fixture.outbox(organizationId, ENTITLEMENT)).extracting(e -> e.at("/data/state").asText())
                .containsExactly("TRIAL", "ACTIVE", "SUSPENDED", "ACTIVE", "CANCELED");
    }

    @Test
    void aSubscriptionsLifeDeliveredInReverseAndTwiceEndsInTheSameStateAsDeliveredInOrder() {
        UUID inOrder = fixture.newOrganization();
        UUID reversed = fixture.newOrganization();
        String inOrderSubscription = fixture.subscribedOrganization(inOrder, 3);
        String reversedSubscription = fixture.subscribedOrganization(reversed, 3);
        List<String> inOrderEvents = lifeAfterCheckout(inOrderSubscription);
        List<String> reversedEvents = new ArrayList<>(lifeAfterCheckout(reversedSubscription));
        java.util.Collections.reverse(reversedEvents);

        fixture.deliverAll(inOrderEvents);
        fixture.deliverAll(reversedEvents);
        List<String> redelivered = new ArrayList<>();
        for (String event : concat(inOrderEvents, reversedEvents)) {
            redelivered.add(post(event, sign(event)).statusCode(200).extract().path("outcome"));
        }

        assertThat(redelivered).containsOnly("DUPLICATE");
        for (UUID organizationId : List.of(inOrder, reversed)) {
            var entitlement = fixture.entitlement(organizationId).orElseThrow();
            assertThat(entitlement.getString("state")).as("entitlement of %s", organizationId).isEqualTo("CANCELED");
            assertThat(entitlement.getBoolean("mcp_access")).isFalse();
            assertThat(fixture.outbox(organizationId, "com.hostmcp.billing.SubscriptionCanceled.v1")).hasSize(1);
        }
        for (String subscriptionId : List.of(inOrderSubscription, reversedSubscription)) {
            assertThat(fixture.subscription(subscriptionId).orElseThrow().getString("status")).isEqualTo("canceled");
        }
        assertThat(fixture.countRows("SELECT count(*) FROM billing.invoices WHERE organization_id = $1"
                + " AND status = 'paid'", reversed)).isEqualTo(fixture.countRows("SELECT count(*) FROM billing.invoices"
                        + " WHERE organization_id = $1 AND status = 'paid'", inOrder));
    }

    /** A failed payment, its successful retry and the cancellation, as Stripe emits them (not delivered). */
    private List<String> lifeAfterCheckout(String subscriptionId) {
        int mark = stripe.events().size();
        stripe.failPayment(subscriptionId);
        stripe.succeedPayment(subscriptionId);
        stripe.subscriptionEvent("customer.subscription.deleted", subscriptionId);
        List<String> events = fixture.eventsSince(mark);
        assertThat(events).extracting(e -> fixture.json(e).path("type").asText())
                .contains("invoice.payment_failed", "invoice.paid", "customer.subscription.deleted");
        return events;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndIgnored() {
        ObjectNode event = mapper.createObjectNode().put("id", "evt_test_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("api_version", StripeStandIn.API_VERSION)
                .put("created", Instant.now().getEpochSecond()).put("livemode", false).put("pending_webhooks", 1)
                .put("type", "charge.refunded");
        event.putObject("data").putObject("object").put("id", "ch_123").put("object", "charge");
        String json = event.toString();

        post(json, sign(json)).statusCode(200).body("outcome", equalTo("IGNORED"));
        assertThat(fixture.one("SELECT outcome FROM billing.stripe_events WHERE event_id = $1", eventId(json))
                .orElseThrow().getString(0)).isEqualTo("IGNORED");
    }

    /** Changes the quantity twice, as someone in Stripe's dashboard would; answers the two update events. */
    private List<String> changeQuantityInStripe(String itemId, long first, long second) throws Exception {
        StripeClient operator = StripeClient.builder().setApiKey(stripe.apiKey()).setApiBase(stripe.baseUrl()).build();
        int mark = stripe.events().size();
        operator.v1().subscriptionItems().update(itemId, SubscriptionItemUpdateParams.builder().setQuantity(first).build());
        operator.v1().subscriptionItems().update(itemId,
                SubscriptionItemUpdateParams.builder().setQuantity(second).build());
        List<String> updates = fixture.eventsSince(mark, "customer.subscription.updated");
        assertThat(updates).hasSize(2);
        return updates;
    }

    private String deliverForOutcome(String event) {
        return post(event, sign(event)).statusCode(200).extract().path("outcome");
    }

    private ValidatableResponse post(String payload, String signature) {
        return given().contentType("application/json").header(StripeWebhookSigner.SIGNATURE_HEADER, signature)
                .body(payload).post("/webhooks/stripe").then();
    }

    private static String sign(String payload) {
        return StripeWebhookSigner.signatureHeader(payload, StripeWebhookSigner.TEST_WEBHOOK_SECRET);
    }

    private String eventId(String event) {
        return fixture.json(event).path("id").asText();
    }

    private long created(String event) {
        return fixture.json(event).path("created").asLong();
    }

    private String withCreated(String event, long created) {
        ObjectNode node = (ObjectNode) fixture.json(event);
        node.put("created", created);
        return node.toString();
    }
}
