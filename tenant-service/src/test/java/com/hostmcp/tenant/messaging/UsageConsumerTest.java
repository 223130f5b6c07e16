package com.hostmcp.tenant.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.tenant.service.ApiKeyService;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Keys' last use follows the gateway's usage records, with at most one write per key and minute. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class UsageConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USAGE_TOPIC = "mcp.usage.v1";

    @Inject
    OrganizationService organizations;
    @Inject
    ApiKeyService keys;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry metrics;

    KafkaCompanion kafka;
    UUID organizationId;
    String owner;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Usage").await().atMost(WAIT)
                .organization().id();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aHundredUsesWithinAMinuteWriteLastUsedOnceAndALaterUseWithinTheMinuteDoesNotWriteAgain() {
        UUID key = newKey();
        Instant base = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        double writesBefore = lastUsedWrites();

        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(usage(organizationId, key, base.plusMillis(100L * i)));
        }
        EventContracts.assertValid(hundred.get(0));
        produce(hundred);
        UUID marker = newKey();
        produce(List.of(usage(organizationId, marker, base)));
        awaitLastUsed(marker);

        Instant firstWrite = lastUsedAt(key);
        assertThat(firstWrite).isBetween(base, base.plusMillis(9_900));
        assertThat(lastUsedWrites() - writesBefore).as("one write for the key, one for the marker").isEqualTo(2.0);
        String version = rowVersion(key);

        // 40 s after the stored time: within the minute, so no write
        produce(List.of(usage(organizationId, key, base.plusSeconds(40))));
        UUID secondMarker = newKey();
        produce(List.of(usage(organizationId, secondMarker, base)));
        awaitLastUsed(secondMarker);

        assertThat(rowVersion(key)).isEqualTo(version);
        assertThat(lastUsedAt(key)).isEqualTo(firstWrite);
        assertThat(lastUsedWrites() - writesBefore).isEqualTo(3.0);

        // two minutes later: written again
        Instant later = base.plusSeconds(120);
        produce(List.of(usage(organizationId, key, later)));
        await().atMost(WAIT).until(() -> later.equals(lastUsedAt(key)));
        assertThat(rowVersion(key)).isNotEqualTo(version);
    }

    @Test
    void unreadableRecordsAndOtherOrganizationsKeysDoNotStopOrChangeAnything() {
        UUID key = newKey();
        String otherOwner = "owner-" + UUID.randomUUID();
        UUID otherOrganization = organizations.createOrGet(otherOwner, otherOwner + "@example.com", "Other").await()
                .atMost(WAIT).organization().id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        produce(List.of("not json", usage(otherOrganization, key, now), usage(organizationId, UUID.randomUUID(), now)));
        UUID marker = newKey();
        produce(List.of(usage(organizationId, marker, now)));
        awaitLastUsed(marker);

        assertThat(lastUsedAt(key)).as("a record naming the key under another organization").isNull();
    }

    @Test
    void aUseStampedInTheFutureIsCappedAtNow() {
        UUID key = newKey();
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS);

        produce(List.of(usage(organizationId, key, future)));
        awaitLastUsed(key);

        assertThat(lastUsedAt(key)).isBefore(Instant.now().plusSeconds(1));
    }

    private UUID newKey() {
        return keys.create(organizationId, owner, null).await().atMost(WAIT).apiKey().id();
    }

    private String usage(UUID organization, UUID keyId, Instant occurredAt) {
        ObjectNode data = mapper.createObjectNode()
                .put("invocationId", UUID.randomUUID().toString())
                .put("organizationId", organization.toString())
                .put("keyId", keyId.toString())
                .put("tool", "list_listings")
                .put("outcome", "SUCCESS")
                .put("latencyMs", 42)
                .put("occurredAt", occurredAt.toString());
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", "com.hostmcp.mcp.UsageRecorded.v1")
                .put("source", "/mcp-gateway")
                .put("subject", organization.toString())
                .put("time", occurredAt.toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    private void produce(List<String> values) {
        List<ProducerRecord<String, String>> records = values.stream()
                .map(value -> new ProducerRecord<>(USAGE_TOPIC, organizationId.toString(), value)).toList();
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    private void awaitLastUsed(UUID keyId) {
        await().atMost(WAIT).until(() -> lastUsedAt(keyId) != null);
    }

    private Instant lastUsedAt(UUID keyId) {
        Row row = pool.preparedQuery("SELECT last_used_at FROM tenant.api_keys WHERE id = $1")
                .execute(Tuple.of(keyId)).await().atMost(WAIT).iterator().next();
        OffsetDateTime value = row.getOffsetDateTime(0);
        return value == null ? null : value.toInstant();
    }

    /** xmin changes with every write of the row. */
    private String rowVersion(UUID keyId) {
        return pool.preparedQuery("SELECT xmin::text FROM tenant.api_keys WHERE id = $1")
                .execute(Tuple.of(keyId)).await().atMost(WAIT).iterator().next().getString(0);
    }

    private double lastUsedWrites() {
        return metrics.counter("api_keys.last_used.writes").count();
    }
}
