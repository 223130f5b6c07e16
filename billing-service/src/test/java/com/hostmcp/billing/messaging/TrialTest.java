package com.hostmcp.billing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.StripeStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** A new organization gets an account and a 14-day trial; a trial that ends without a subscription is suspended. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StripeStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class TrialTest {

    private static final String ENTITLEMENT = "com.hostmcp.billing.EntitlementChanged.v1";

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    BillingFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new BillingFixture(pool, mapper);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void organizationCreatedOpensATrialPublishedOnTheEntitlementTopic() {
        UUID organizationId = UUID.randomUUID();
        String created = fixture.organizationCreated(organizationId);
        Instant createdAt = Instant.parse(fixture.json(created).path("time").asText());
        var consumer = fixture.consume(BillingTopics.ENTITLEMENTS);
        try {
            fixture.produce("tenant.events.v1", organizationId, created);

            var record = fixture.awaitRecord(consumer, organizationId, e -> true, BillingFixture.WAIT);
            EventContracts.assertValid(record.value());
            JsonNode data = fixture.json(record.value()).path("data");
            assertThat(data.path("state").asText()).isEqualTo("TRIAL");
            assertThat(data.path("mcpAccess").asBoolean()).isTrue();
            assertThat(data.path("reason").asText()).isEqualTo("trial started");
            assertThat(data.path("version").asLong()).isEqualTo(1);
            assertThat(Instant.parse(data.path("validUntil").asText()))
                    .isEqualTo(createdAt.plus(Duration.ofDays(14)));
        } finally {
            consumer.stop();
        }
        assertThat(fixture.countRows("SELECT count(*) FROM billing.accounts WHERE organization_id = $1"
                + " AND stripe_customer_id IS NULL", organizationId))
                .as("the Stripe customer is created at checkout, not now").isEqualTo(1);
    }

    @Test
    void theSameOrganizationCreatedTwiceOpensOneTrial() {
        UUID organizationId = UUID.randomUUID();
        String created = fixture.organizationCreated(organizationId);
        String last = fixture.organizationCreated(organizationId);

        // the same event redelivered, then two more creation events (other ids) for the same organization
        fixture.produce("tenant.events.v1", organizationId, created, created, fixture.organizationCreated(organizationId),
                last);
        // records of one organization are processed in order: once the last id is claimed, all of them are done
        await().atMost(BillingFixture.WAIT).until(() -> fixture.countRows(
                "SELECT count(*) FROM billing.processed_events WHERE consumer = 'tenant-events' AND event_id = $1",
                fixture.json(last).path("id").asText()) == 1);

        List<JsonNode> published = fixture.outbox(organizationId, ENTITLEMENT);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).at("/data/version").asLong()).isEqualTo(1);
    }

    @Test
    void aTrialThatEndsWithoutASubscriptionIsSuspendedByTheDeadlineJob() {
        UUID ended = fixture.newOrganization();
        UUID running = fixture.newOrganization();
        // the trial of one organization is over (the job runs every second in tests); the other's runs 14 days
        fixture.execute("UPDATE billing.entitlements SET valid_until = now() - interval '1 second'"
                + " WHERE organization_id = $1", ended);
        var consumer = fixture.consume(BillingTopics.ENTITLEMENTS);
        try {
            var record = fixture.awaitRecord(consumer, ended, e -> e.at("/data/version").asLong() == 2,
                    BillingFixture.WAIT);

            EventContracts.assertValid(record.value());
            JsonNode data = fixture.json(record.value()).path("data");
            assertThat(data.path("state").asText()).isEqualTo("SUSPENDED");
            assertThat(data.path("reason").asText()).isEqualTo("trial ended");
            assertThat(data.path("mcpAccess").asBoolean()).isFalse();
            assertThat(data.path("validUntil").isNull()).isTrue();
        } finally {
            consumer.stop();
        }
        assertThat(fixture.entitlement(running).orElseThrow().getString("state")).isEqualTo("TRIAL");
        // the job runs again and again; the suspension is published once
        await().pollDelay(Duration.ofMillis(2500)).atMost(BillingFixture.WAIT)
                .until(() -> fixture.outbox(ended, ENTITLEMENT).size() == 2);
    }
}
