package com.hostmcp.tenant.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.tenant.HostawayCredentials;
import com.hostmcp.tenant.OutboxRows;
import com.hostmcp.tenant.service.HostawayCredentialService;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.tenant.service.RecordedCredentialNotices;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Credential failures reported on hostaway.credential-failures.v1 turn the credentials INVALID exactly once. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class CredentialFailureConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "hostaway.credential-failures.v1";
    private static final String DEAD_LETTERS = "hostaway.credential-failures.v1.tenant-service.dlq";
    private static final String SMALL = String.valueOf(HostawaySeedAccounts.SMALL_ACCOUNT_ID);
    private static final String INVALIDATED = "com.hostmcp.tenant.HostawayCredentialsInvalidated.v1";
    private static final String STATE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    @Inject
    OrganizationService organizations;
    @Inject
    HostawayCredentialService credentials;
    @Inject
    RecordedCredentialNotices notices;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    KafkaCompanion kafka;
    OutboxRows outbox;
    String owner;
    UUID organizationId;

    @BeforeEach
    void setUp() {
        HostawayStandInResource.standIn().reset();
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
        outbox = new OutboxRows(pool, mapper);
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Failures").await().atMost(WAIT)
                .organization().id();
        credentials.connect(organizationId, owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).await().atMost(WAIT);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aFailureDeliveredTwiceAndReportedAgainChangesTheStateOnce() {
        int snapshotsBefore = outbox.events(organizationId, STATE).size();
        String failure = rejection(SMALL, Instant.now());
        EventContracts.assertValid(failure);
        String sameFailureReportedAgain = rejection(SMALL, Instant.now());

        produce(failure, failure, sameFailureReportedAgain);
        awaitProcessed(sameFailureReportedAgain);

        HostawayCredentials stored = stored();
        assertThat(stored.status()).isEqualTo(HostawayCredentials.Status.INVALID);
        assertThat(stored.invalidReason()).contains("401").contains("sync-service").contains("invalid_client");
        assertThat(stored.invalidSince()).isNotNull();

        List<JsonNode> invalidated = outbox.events(organizationId, INVALIDATED);
        assertThat(invalidated).hasSize(1);
        EventContracts.assertValid(invalidated.get(0).toString());
        assertThat(invalidated.get(0).at("/data/actor/type").asText()).isEqualTo("SERVICE");
        assertThat(invalidated.get(0).at("/data/actor/id").asText()).isEqualTo("sync-service");

        List<JsonNode> snapshots = outbox.events(organizationId, STATE);
        assertThat(snapshots).hasSize(snapshotsBefore + 1);
        JsonNode latest = snapshots.get(snapshots.size() - 1);
        EventContracts.assertValid(latest.toString());
        assertThat(latest.at("/data/hostaway/status").asText()).isEqualTo("INVALID");
        assertThat(latest.at("/data/hostaway/invalidReason").asText()).isEqualTo(stored.invalidReason());

        assertThat(notices.of(organizationId)).hasSize(1)
                .allSatisfy(notice -> assertThat(notice.accountId()).isEqualTo(SMALL));
    }

    @Test
    void failuresOfOtherOrEarlierCredentialsChangeNothing() {
        String otherAccount = rejection(String.valueOf(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID), Instant.now());
        String beforeTheyWereConnected = rejection(SMALL, Instant.now().minus(1, ChronoUnit.HOURS));

        produce(otherAccount, beforeTheyWereConnected);
        awaitProcessed(beforeTheyWereConnected);

        assertThat(stored().status()).isEqualTo(HostawayCredentials.Status.CONNECTED);
        assertThat(outbox.events(organizationId, INVALIDATED)).isEmpty();
        assertThat(notices.of(organizationId)).isEmpty();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextFailureStillApplies() {
        String poison = "not a cloud event " + UUID.randomUUID();
        var deadLetters = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID()).withAutoCommit()
                .fromTopics(DEAD_LETTERS);
        try {
            String failure = rejection(SMALL, Instant.now());
            produce(poison, failure);

            await().atMost(WAIT).until(() -> deadLetters.getRecords().stream().anyMatch(r -> poison.equals(r.value())));
            awaitProcessed(failure);
            assertThat(stored().status()).isEqualTo(HostawayCredentials.Status.INVALID);
        } finally {
            deadLetters.stop();
        }
    }

    /** A contract-shaped report from sync-service that Hostaway refused a token for {@code accountId}. */
    private String rejection(String accountId, Instant detectedAt) {
        String time = detectedAt.truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode data = mapper.createObjectNode()
                .put("organizationId", organizationId.toString())
                .put("accountId", accountId)
                .put("httpStatus", 401)
                .put("detectedBy", "sync-service")
                .put("reason", "POST /v1/accessTokens returned 401 invalid_client")
                .put("detectedAt", time);
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", "com.hostmcp.hostaway.HostawayCredentialsRejected.v1")
                .put("source", "/sync-service")
                .put("subject", organizationId.toString())
                .put("time", time)
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    private void produce(String... values) {
        List<ProducerRecord<String, String>> records = java.util.Arrays.stream(values)
                .map(value -> new ProducerRecord<>(TOPIC, organizationId.toString(), value)).toList();
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    /** Waits until the consumer has committed the event; records of one organization are consumed in order. */
    private void awaitProcessed(String event) {
        String id = json(event).get("id").asText();
        await().atMost(WAIT).until(() -> pool.preparedQuery("SELECT count(*) FROM tenant.processed_events"
                + " WHERE consumer = 'hostaway-credential-failures' AND event_id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getLong(0) == 1);
    }

    private HostawayCredentials stored() {
        return credentials.find(organizationId, owner).await().atMost(WAIT).orElseThrow();
    }

    private JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
