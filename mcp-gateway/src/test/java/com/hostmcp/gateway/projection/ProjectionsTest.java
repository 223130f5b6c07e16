package com.hostmcp.gateway.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.ActiveKey;
import com.hostmcp.gateway.EntitlementState;
import com.hostmcp.gateway.GatewayTopics;
import com.hostmcp.gateway.HostawayStatus;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class ProjectionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaCompanion companion;

    @Inject
    ApiKeyProjection apiKeys;
    @Inject
    OrganizationProjection organizations;
    @Inject
    EntitlementProjection entitlements;

    @BeforeAll
    static void connect() {
        companion = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        companion.close();
    }

    @Test
    void aKeyAppearsWhenIssuedAndDisappearsWithinOneSecondOfItsTombstone() throws Exception {
        UUID organizationId = UUID.randomUUID();
        UUID keyId = UUID.randomUUID();
        String hash = sha256Hex("hmcp_test_" + UUID.randomUUID());
        ObjectNode event = example("com.hostmcp.tenant.ApiKeyIssued.v1", organizationId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("keyId", keyId.toString()).put("keyHash", hash).put("displayHint", "hmcp_…t3St");

        produce(GatewayTopics.API_KEYS, hash, valid(event));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(apiKeys.findByHash(hash))
                .contains(new ActiveKey(keyId, organizationId, "hmcp_…t3St")));

        produce(GatewayTopics.API_KEYS, hash, null);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> apiKeys.findByHash(hash).isEmpty());
    }

    @Test
    void aStaleOrganizationSnapshotDoesNotOverwriteANewerOne() throws Exception {
        UUID organizationId = UUID.randomUUID();
        produce(GatewayTopics.ORGANIZATIONS, organizationId.toString(), organization(organizationId, 8, "Newer"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> organizations.find(organizationId).filter(o -> o.version() == 8).isPresent());

        produce(GatewayTopics.ORGANIZATIONS, organizationId.toString(), organization(organizationId, 7, "Older"));
        // a later record with the same key (same partition) naming another organization proves the stale one was read
        produce(GatewayTopics.ORGANIZATIONS, organizationId.toString(), organization(organizationId, 8, "Replay"));
        UUID marker = UUID.randomUUID();
        produce(GatewayTopics.ORGANIZATIONS, organizationId.toString(), organization(marker, 1, "Marker"));
        await().atMost(Duration.ofSeconds(15)).until(() -> organizations.find(marker).isPresent());

        var state = organizations.find(organizationId).orElseThrow();
        assertThat(state.name()).isEqualTo("Newer");
        assertThat(state.version()).isEqualTo(8);
        assertThat(state.hostawayStatus()).isEqualTo(HostawayStatus.CONNECTED);
        assertThat(state.accountId()).isEqualTo("41235");
        assertThat(state.encryptedCredentials()).isNotBlank();
        assertThat(state.toString()).doesNotContain(state.encryptedCredentials());

        produce(GatewayTopics.ORGANIZATIONS, organizationId.toString(), organization(organizationId, 9, "Renamed"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> organizations.find(organizationId).map(o -> o.name().equals("Renamed")).orElse(false));
    }

    @Test
    void entitlementSuspendedThenActiveIsReflected() throws Exception {
        UUID organizationId = UUID.randomUUID();
        produce(GatewayTopics.ENTITLEMENTS, organizationId.toString(),
                entitlement(organizationId, 4, "SUSPENDED", false));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(entitlements.find(organizationId))
                .hasValueSatisfying(held -> {
                    assertThat(held.state()).isEqualTo(EntitlementState.SUSPENDED);
                    assertThat(held.mcpAccess()).isFalse();
                }));

        produce(GatewayTopics.ENTITLEMENTS, organizationId.toString(), entitlement(organizationId, 5, "ACTIVE", true));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(entitlements.find(organizationId)).hasValueSatisfying(held -> {
                    assertThat(held.state()).isEqualTo(EntitlementState.ACTIVE);
                    assertThat(held.mcpAccess()).isTrue();
                    assertThat(held.version()).isEqualTo(5);
                    assertThat(held.validUntil()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
                }));
    }

    @Test
    void aMalformedRecordIsSkippedAndLaterRecordsStillApply() throws Exception {
        UUID organizationId = UUID.randomUUID();
        String key = organizationId.toString();
        produce(GatewayTopics.ENTITLEMENTS, key, "{not json");
        ObjectNode wrongType = example("com.hostmcp.billing.EntitlementChanged.v1", organizationId);
        wrongType.put("type", "com.hostmcp.billing.Unknown.v1");
        produce(GatewayTopics.ENTITLEMENTS, key, MAPPER.writeValueAsString(wrongType));
        ObjectNode badData = example("com.hostmcp.billing.EntitlementChanged.v1", organizationId);
        ((ObjectNode) badData.get("data")).put("state", "BOGUS");
        produce(GatewayTopics.ENTITLEMENTS, key, MAPPER.writeValueAsString(badData));
        produce(GatewayTopics.API_KEYS, sha256Hex("hmcp_garbage_" + UUID.randomUUID()), "[]");

        produce(GatewayTopics.ENTITLEMENTS, key, entitlement(organizationId, 1, "TRIAL", true));
        await().atMost(Duration.ofSeconds(15)).until(() -> entitlements.find(organizationId)
                .filter(e -> e.state() == EntitlementState.TRIAL).isPresent());
    }

    @Test
    void readinessReportsTheThreeTopicsCaughtUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Gateway projections' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Gateway projections' }.data.'tenant.api-keys.v1.caughtUp'",
                        equalTo(true))
                .body("checks.find { it.name == 'Gateway projections' }.data.'tenant.organizations.v1.caughtUp'",
                        equalTo(true))
                .body("checks.find { it.name == 'Gateway projections' }.data.'billing.entitlements.v1.caughtUp'",
                        equalTo(true));
    }

    private static String organization(UUID organizationId, long version, String name) throws IOException {
        ObjectNode event = example("com.hostmcp.tenant.OrganizationUpdated.v1", organizationId);
        ((ObjectNode) event.get("data")).put("version", version).put("name", name);
        return valid(event);
    }

    private static String entitlement(UUID organizationId, long version, String state, boolean access)
            throws IOException {
        ObjectNode event = example("com.hostmcp.billing.EntitlementChanged.v1", organizationId);
        ((ObjectNode) event.get("data")).put("version", version).put("state", state).put("mcpAccess", access)
                .put("reason", "test " + state.toLowerCase());
        return valid(event);
    }

    /** The contract's example event with a fresh event id and the given organization. */
    private static ObjectNode example(String type, UUID organizationId) throws IOException {
        try (InputStream in = ProjectionsTest.class.getResourceAsStream("/hostmcp-events/examples/" + type + ".json")) {
            assertThat(in).as("example of " + type).isNotNull();
            ObjectNode event = (ObjectNode) MAPPER.readTree(in);
            event.put("id", UUID.randomUUID().toString()).put("subject", organizationId.toString());
            ((ObjectNode) event.get("data")).put("organizationId", organizationId.toString());
            return event;
        }
    }

    private static String valid(ObjectNode event) throws IOException {
        String json = MAPPER.writeValueAsString(event);
        EventContracts.assertValid(json);
        return json;
    }

    private static void produce(String topic, String key, String value) {
        companion.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value))
                .awaitCompletion(Duration.ofSeconds(15));
    }

    private static String sha256Hex(String key) throws NoSuchAlgorithmException {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
