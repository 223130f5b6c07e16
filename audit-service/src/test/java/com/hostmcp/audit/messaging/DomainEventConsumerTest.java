package com.hostmcp.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.audit.TestEvents;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * tenant-service's events, as its contract describes them, reach the audit trail exactly once: a redelivered event is
 * not stored again, and a record that is not an event goes to the dead-letter topic without stopping the others.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class DomainEventConsumerTest {

    private static final String TOPIC = "tenant.events.v1";

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void eventDeliveredTwiceIsStoredOnce() throws IOException {
        String orgId = UUID.randomUUID().toString();
        String created = organizationCreated(orgId);
        String marker = organizationCreated(orgId);

        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(TOPIC, orgId, created),
                new ProducerRecord<>(TOPIC, orgId, created),
                new ProducerRecord<>(TOPIC, orgId, marker)).awaitCompletion();

        // same key, same partition: once the marker is stored, the duplicate before it has been handled too
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsFor(eventId(marker)) == 1);
        assertThat(rowsFor(eventId(created))).isEqualTo(1);
        assertThat(rowsForOrganization(orgId)).isEqualTo(2);
    }

    @Test
    void storedEntryKeepsWhoDidWhatAndWhen() throws IOException {
        String orgId = UUID.randomUUID().toString();
        String created = organizationCreated(orgId);

        kafka.produceStrings().fromRecords(new ProducerRecord<>(TOPIC, orgId, created)).awaitCompletion();

        await().atMost(Duration.ofSeconds(20)).until(() -> rowsFor(eventId(created)) == 1);
        var row = pool.preparedQuery("SELECT action, actor_type, actor_id, source, occurred_at, details->>'name' AS name"
                + " FROM audit.audit_log WHERE event_id = $1").execute(Tuple.of(eventId(created)))
                .await().indefinitely().iterator().next();
        assertThat(row.getString("action")).isEqualTo("com.hostmcp.tenant.OrganizationCreated.v1");
        assertThat(row.getString("actor_type")).isEqualTo("USER");
        assertThat(row.getString("actor_id")).isNotBlank();
        assertThat(row.getString("source")).isEqualTo("/tenant-service");
        assertThat(row.getString("name")).isEqualTo("Lakeside Stays");
        assertThat(row.getOffsetDateTime("occurred_at").toInstant().toString()).isEqualTo(
                mapper.readTree(created).get("time").asText());
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndLaterEventsStillArrive() throws IOException {
        String orgId = UUID.randomUUID().toString();
        String after = organizationCreated(orgId);

        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(TOPIC, orgId, "{not an event"),
                new ProducerRecord<>(TOPIC, orgId, after)).awaitCompletion();

        await().atMost(Duration.ofSeconds(20)).until(() -> rowsFor(eventId(after)) == 1);
        var dead = kafka.consumeStrings().fromTopics("tenant.events.v1.audit-service.dlq")
                .awaitRecords(1, Duration.ofSeconds(20));
        assertThat(dead.getRecords()).anyMatch(r -> "{not an event".equals(r.value()) && orgId.equals(r.key()));
        dead.stop();
    }

    @Test
    void billingEventsAreStoredAsTheServicesDoing() {
        UUID org = UUID.randomUUID();
        String failed = TestEvents.domainEvent("com.hostmcp.billing.PaymentFailed.v1", org, Instant.now());

        kafka.produceStrings().fromRecords(TestEvents.record(TestEvents.BILLING_EVENTS, org, failed)).awaitCompletion();

        await().atMost(Duration.ofSeconds(20)).until(() -> rowsFor(eventId(failed)) == 1);
        var row = pool.preparedQuery("SELECT kind, action, actor_type, actor_id, outcome FROM audit.audit_log"
                + " WHERE entry_id = $1").execute(Tuple.of(TestEvents.id(failed))).await().indefinitely().iterator()
                .next();
        assertThat(row.getString("kind")).isEqualTo("DOMAIN_EVENT");
        assertThat(row.getString("action")).isEqualTo("com.hostmcp.billing.PaymentFailed.v1");
        assertThat(row.getString("actor_type")).isEqualTo("SERVICE");
        assertThat(row.getString("actor_id")).isEqualTo("billing-service");
        assertThat(row.getString("outcome")).as("outcomes belong to tool calls").isNull();
    }

    @Test
    void listingCountKeepsTheLatestSyncEvenWhenAnOlderOneArrivesLateAndEverySyncIsLogged() {
        UUID org = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String latest = TestEvents.listingCountSynced(org, 14, 17, now);
        String older = TestEvents.listingCountSynced(org, 9, 10, now.minusSeconds(3600));

        kafka.produceStrings().fromRecords(TestEvents.record(TestEvents.LISTING_COUNTS, org, latest)).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsFor(eventId(latest)) == 1);
        kafka.produceStrings().fromRecords(TestEvents.record(TestEvents.LISTING_COUNTS, org, older)).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsFor(eventId(older)) == 1);

        var row = pool.preparedQuery("SELECT active_listings, total_listings, synced_at FROM audit.listing_counts"
                + " WHERE organization_id = $1").execute(Tuple.of(org)).await().indefinitely().iterator().next();
        assertThat(row.getInteger("active_listings")).isEqualTo(14);
        assertThat(row.getInteger("total_listings")).isEqualTo(17);
        assertThat(row.getOffsetDateTime("synced_at").toInstant()).isEqualTo(now);
        assertThat(rowsForOrganization(org.toString())).isEqualTo(2);
    }

    /** An OrganizationCreated event as tenant-service's contract describes it, with fresh ids. */
    private String organizationCreated(String orgId) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/hostmcp-events/examples/com.hostmcp.tenant.OrganizationCreated.v1.json")) {
            ObjectNode event = (ObjectNode) mapper.readTree(in);
            event.put("id", UUID.randomUUID().toString());
            event.put("subject", orgId);
            // a current time: events older than the retention are not stored
            event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            ((ObjectNode) event.get("data")).put("organizationId", orgId);
            String json = mapper.writeValueAsString(event);
            EventContracts.assertValid(json);
            return json;
        }
    }

    private String eventId(String json) throws IOException {
        return mapper.readTree(json).get("id").asText();
    }

    private long rowsFor(String eventId) {
        return pool.preparedQuery("SELECT count(*) FROM audit.audit_log WHERE event_id = $1")
                .execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getLong(0);
    }

    private long rowsForOrganization(String orgId) {
        return pool.preparedQuery("SELECT count(*) FROM audit.audit_log WHERE organization_id = $1")
                .execute(Tuple.of(UUID.fromString(orgId))).await().indefinitely().iterator().next().getLong(0);
    }
}
