package com.hostmcp.dashboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Sync Now's command on the real broker: the record sync-service reads is a valid SyncRequested (docs/events), keyed by
 * the organization, without headers. (POST /api/sync-requests needs tenant-service for the caller's role; the local
 * stack's integration test runs it end to end.)
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class SyncRequestPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SyncRequestPublisher publisher;

    @Test
    void aSyncRequestIsPublishedAsAValidSyncRequestedKeyedByTheOrganization() throws Exception {
        UUID organization = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);

        publisher.publish(organization, request, "user-subject-1").await().atMost(Duration.ofSeconds(20));

        ConsumerRecord<String, String> record = published(organization);
        EventContracts.assertValid(record.value());
        assertThat(EventContracts.topicOf(SyncRequested.TYPE)).isEqualTo(record.topic());
        assertThat(record.headers().toArray()).as("no Kafka headers, the value alone is the event").isEmpty();
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.path("source").asText()).isEqualTo("/dashboard-api");
        assertThat(event.path("subject").asText()).isEqualTo(organization.toString());
        assertThat(event.path("correlationid").asText()).isEqualTo(request.toString());
        JsonNode data = event.path("data");
        assertThat(data.path("organizationId").asText()).isEqualTo(organization.toString());
        assertThat(data.path("requestId").asText()).isEqualTo(request.toString());
        assertThat(data.path("requestedBy").asText()).isEqualTo("user-subject-1");
        assertThat(Instant.parse(data.path("requestedAt").asText())).isAfter(before);
    }

    @Test
    void everyRequestIsItsOwnEvent() {
        UUID organization = UUID.randomUUID();

        SyncRequested first = publisher.publish(organization, UUID.randomUUID(), "u").await().indefinitely();
        SyncRequested second = publisher.publish(organization, UUID.randomUUID(), "u").await().indefinitely();

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.data().requestId()).isNotEqualTo(second.data().requestId());
    }

    private static ConsumerRecord<String, String> published(UUID organization) {
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers())) {
            var consumer = kafka.consumeStrings().fromTopics("sync.requests.v1");
            try {
                consumer.awaitNextRecords(1, Duration.ofSeconds(1));
            } catch (AssertionError notYet) {
                // the record may already be in the first batch
            }
            List<ConsumerRecord<String, String>> ours = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> consumer.getRecords().stream().filter(r -> organization.toString().equals(r.key()))
                            .toList(), found -> !found.isEmpty());
            consumer.stop();
            assertThat(ours).hasSize(1);
            return ours.get(0);
        }
    }
}
