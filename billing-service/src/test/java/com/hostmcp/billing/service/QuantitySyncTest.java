package com.hostmcp.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.billing.BillingFixture;
import com.hostmcp.standin.stripe.RecordedStripeRequest;
import com.hostmcp.standin.stripe.StripeStandIn;
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
import io.vertx.mutiny.sqlclient.Pool;

/** The subscription quantity follows sync-service's active listing counts, through the Stripe stand-in. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StripeStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class QuantitySyncTest {

    private static final String TOPIC = "sync.listing-counts.v1";
    private static final String QUANTITY_CHANGED = "com.hostmcp.billing.SubscriptionQuantityChanged.v1";

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
    void aCountFrom5To7UpdatesTheQuantityOnceWithProrationEvenWhenDeliveredTwice() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 5);
        String itemId = fixture.subscription(subscriptionId).orElseThrow().getString("item_id");
        int before = stripe.requestCount("POST", "/v1/subscription_items/" + itemId);
        UUID runId = UUID.randomUUID();
        Instant syncedAt = Instant.now();
        String count = fixture.listingCount(organizationId, runId, 7, 9, syncedAt);
        UUID laterRun = UUID.randomUUID();

        // the same event twice, then a later run with the same count (processed after both, on the same partition)
        fixture.produce(TOPIC, organizationId, count, count,
                fixture.listingCount(organizationId, laterRun, 7, 9, syncedAt.plusSeconds(1)));

        assertThat(fixture.awaitCountOutcome(organizationId, laterRun)).isEqualTo("UNCHANGED");
        List<RecordedStripeRequest> updates = stripe.requests("POST", "/v1/subscription_items/" + itemId);
        assertThat(updates).hasSize(before + 1);
        RecordedStripeRequest update = updates.get(updates.size() - 1);
        assertThat(update.param("quantity")).isEqualTo("7");
        assertThat(update.param("proration_behavior")).isEqualTo("create_prorations");
        assertThat(update.idempotencyKey()).isEqualTo("hostmcp-quantity-" + runId + "-" + itemId);
        assertThat(update.status()).isEqualTo(200);
        assertThat(stripeQuantity(itemId)).isEqualTo(7);

        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(7);
        assertThat(fixture.countRows("SELECT count(*) FROM billing.quantity_changes WHERE organization_id = $1",
                organizationId)).isEqualTo(1);
        List<JsonNode> changed = fixture.outbox(organizationId, QUANTITY_CHANGED);
        assertThat(changed).hasSize(1);
        EventContracts.assertValid(changed.get(0).toString());
        assertThat(changed.get(0).at("/data/previousQuantity").asLong()).isEqualTo(5);
        assertThat(changed.get(0).at("/data/quantity").asLong()).isEqualTo(7);
        assertThat(changed.get(0).at("/data/syncRunId").asText()).isEqualTo(runId.toString());
        assertThat(changed.get(0).at("/data/subscriptionId").asText()).isEqualTo(subscriptionId);
    }

    @Test
    void anUnchangedCountMakesNoStripeCall() {
        UUID organizationId = fixture.newOrganization();
        fixture.subscribedOrganization(organizationId, 5);
        int requests = stripe.requests().size();

        assertThat(fixture.reportCount(organizationId, 5)).isEqualTo("UNCHANGED");

        assertThat(stripe.requests().subList(requests, stripe.requests().size())).isEmpty();
        assertThat(fixture.outbox(organizationId, QUANTITY_CHANGED)).isEmpty();
    }

    @Test
    void noActiveListingsStillBillOneListing() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 1);
        int requests = stripe.requests().size();

        assertThat(fixture.reportCount(organizationId, 0)).isEqualTo("UNCHANGED");
        assertThat(stripe.requests().subList(requests, stripe.requests().size())).isEmpty();

        assertThat(fixture.reportCount(organizationId, 3)).isEqualTo("UPDATED");
        assertThat(fixture.reportCount(organizationId, 0)).isEqualTo("UPDATED");
        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(1);
    }

    @Test
    void aQuantityChangedByHandInStripeIsCorrectedByTheNextCount() throws Exception {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 5);
        String itemId = fixture.subscription(subscriptionId).orElseThrow().getString("item_id");

        // someone sets 9 in Stripe's dashboard; Stripe tells billing by webhook
        int mark = stripe.events().size();
        operatorClient().v1().subscriptionItems().update(itemId,
                SubscriptionItemUpdateParams.builder().setQuantity(9L).build());
        fixture.deliverAll(fixture.eventsSince(mark));
        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(9);

        // the listings did not change, but the next count puts the quantity back to them
        assertThat(fixture.reportCount(organizationId, 5)).isEqualTo("UPDATED");

        assertThat(stripeQuantity(itemId)).isEqualTo(5);
        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(5);
        JsonNode changed = fixture.outbox(organizationId, QUANTITY_CHANGED).get(0);
        assertThat(changed.at("/data/previousQuantity").asLong()).isEqualTo(9);
        assertThat(changed.at("/data/quantity").asLong()).isEqualTo(5);
    }

    @Test
    void aCountSyncedBeforeTheStoredOneChangesNothing() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 5);
        Instant now = Instant.now();
        UUID late = UUID.randomUUID();
        UUID marker = UUID.randomUUID();

        fixture.produce(TOPIC, organizationId, fixture.listingCount(organizationId, UUID.randomUUID(), 7, 7, now),
                // synced a minute before the count above, delivered after it
                fixture.listingCount(organizationId, late, 2, 2, now.minusSeconds(60)),
                fixture.listingCount(organizationId, marker, 7, 7, now.plusSeconds(1)));

        assertThat(fixture.awaitCountOutcome(organizationId, marker)).isEqualTo("UNCHANGED");
        assertThat(fixture.subscription(subscriptionId).orElseThrow().getLong("quantity")).isEqualTo(7);
        assertThat(fixture.countRows("SELECT count(*) FROM billing.quantity_changes WHERE sync_run_id = $1", late))
                .isZero();
    }

    @Test
    void aCountWithoutASubscriptionIsRecordedForTheCheckout() {
        UUID organizationId = fixture.newOrganization();
        int requests = stripe.requests().size();

        assertThat(fixture.reportCount(organizationId, 12)).isEqualTo("NO_SUBSCRIPTION");

        assertThat(stripe.requests().subList(requests, stripe.requests().size())).isEmpty();
        assertThat(fixture.countRows("SELECT active_listings FROM billing.listing_counts WHERE organization_id = $1",
                organizationId)).isEqualTo(12);
    }

    private long stripeQuantity(String itemId) {
        try {
            return operatorClient().v1().subscriptionItems().retrieve(itemId).getQuantity();
        } catch (com.stripe.exception.StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stripe as a person in its dashboard (or a script) would change it, not through billing-service. */
    private StripeClient operatorClient() {
        return StripeClient.builder().setApiKey(stripe.apiKey()).setApiBase(stripe.baseUrl()).build();
    }
}
