package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.rest.Problems;
import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.messaging.TenantTopics;
import com.hostmcp.tenant.repository.MemberRepository;
import com.hostmcp.tenant.repository.TenantTransactions;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ApiKeysResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ISSUED = "com.hostmcp.tenant.ApiKeyIssued.v1";
    private static final String CREATED = "com.hostmcp.tenant.ApiKeyCreated.v1";
    private static final String REVOKED = "com.hostmcp.tenant.ApiKeyRevoked.v1";

    @Inject
    OrganizationService organizations;
    @Inject
    TenantTransactions transactions;
    @Inject
    MemberRepository members;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    KafkaCompanion kafka;
    String owner;
    UUID organizationId;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Keys Test").await().atMost(WAIT)
                .organization().id();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void createReturnsTheFullKeyOnceWithoutCaching() {
        ExtractableResponse<Response> created = as(owner).contentType(ContentType.JSON).body(Map.of("name", " Claude "))
                .when().post(keysPath())
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("name", equalTo("Claude"))
                .extract();

        String key = created.path("key");
        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
        assertThat(created.<String> path("displayHint")).isEqualTo(ApiKeyFormat.displayHint(key));
        assertThat(created.<String> path("id")).isNotBlank();
        assertThat(created.<String> path("createdAt")).endsWith("Z");
        assertThat(storedHashOf(UUID.fromString(created.path("id")))).isEqualTo(ApiKeyFormat.sha256Hex(key));
    }

    @Test
    void createWithoutANameOrWithAnEmptyBodyMakesAKeyWithoutAName() {
        as(owner).contentType(ContentType.JSON).body("{}").when().post(keysPath())
                .then().statusCode(201)
                .body("name", nullValue());
        as(owner).contentType(ContentType.JSON).when().post(keysPath())
                .then().statusCode(201)
                .body("name", nullValue());
        as(owner).contentType(ContentType.JSON).body(Map.of("name", "   ")).when().post(keysPath())
                .then().statusCode(201)
                .body("name", nullValue());
    }

    @Test
    void aNameLongerThan100CharactersIsABadRequest() {
        as(owner).contentType(ContentType.JSON).body(Map.of("name", "x".repeat(101)))
                .when().post(keysPath())
                .then().statusCode(400)
                .contentType(Problems.PROBLEM_JSON)
                .body("errors.field", hasItem("name"));
        assertThat(activeKeyCount()).isZero();
    }

    @Test
    void tenConcurrentCreatesYieldExactlyFiveKeysAndFiveClearRefusals() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "key " + i;
            calls.add(executor.submit(() -> {
                RequestSpecification request = as(owner).contentType(ContentType.JSON).body(Map.of("name", name));
                start.await();
                return request.post(keysPath());
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> call : calls) {
            responses.add(call.get(30, TimeUnit.SECONDS));
        }
        executor.shutdown();

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(5);
        List<Response> refused = responses.stream().filter(r -> r.statusCode() != 201).toList();
        assertThat(refused).hasSize(5).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.contentType()).startsWith(Problems.PROBLEM_JSON);
            assertThat(r.jsonPath().getString("detail"))
                    .isEqualTo("an organization can have at most 5 active API keys; revoke one first");
        });
        assertThat(activeKeyCount()).isEqualTo(5);
        assertThat(activeSlots()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void aRevokedKeyFreesItsSlotForANewOne() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(owner).then().statusCode(201).extract().path("id"));
        }
        create(owner).then().statusCode(409);

        as(owner).when().delete(keysPath() + "/" + ids.get(2)).then().statusCode(204);

        create(owner).then().statusCode(201);
        assertThat(activeKeyCount()).isEqualTo(5);
    }

    @Test
    void listShowsHintNameStatusAndTimesButNeverTheKeyOrItsHash() {
        String kept = as(owner).contentType(ContentType.JSON).body(Map.of("name", "kept")).when().post(keysPath())
                .then().statusCode(201).extract().path("key");
        ExtractableResponse<Response> revoked = as(owner).contentType(ContentType.JSON).body(Map.of("name", "gone"))
                .when().post(keysPath()).then().statusCode(201).extract();
        as(owner).when().delete(keysPath() + "/" + revoked.path("id")).then().statusCode(204);

        ExtractableResponse<Response> list = as(owner).when().get(keysPath())
                .then().statusCode(200)
                .body("$", hasSize(2))
                .extract();

        JsonNode keys = readTree(list.asString());
        JsonNode gone = keys.get(0);
        assertThat(gone.get("name").asText()).isEqualTo("gone");
        assertThat(gone.get("status").asText()).isEqualTo("REVOKED");
        assertThat(gone.get("revokedAt").isNull()).isFalse();
        JsonNode active = keys.get(1);
        assertThat(active.get("name").asText()).isEqualTo("kept");
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("displayHint").asText()).isEqualTo(ApiKeyFormat.displayHint(kept));
        assertThat(active.get("createdAt").asText()).isNotBlank();
        assertThat(active.has("lastUsedAt")).isTrue();
        assertThat(active.get("lastUsedAt").isNull()).isTrue();
        assertThat(active.get("revokedAt").isNull()).isTrue();
        assertThat(list.asString())
                .doesNotContain(kept)
                .doesNotContain(ApiKeyFormat.sha256Hex(kept))
                .doesNotContain(kept.substring(5, 27));
        assertThat(active.has("key")).isFalse();
        assertThat(active.has("keyHash")).isFalse();
    }

    @Test
    void aRevokedKeysTombstoneIsOnTheKeyTopicWithinOneSecondOfTheResponse() {
        ExtractableResponse<Response> created = create(owner).then().statusCode(201).extract();
        String hash = ApiKeyFormat.sha256Hex(created.path("key"));
        ConsumerTask<String, String> task = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics(TenantTopics.API_KEYS);
        try {
            // the consumer is assigned and caught up once it has seen the key being issued
            await().atMost(WAIT).until(() -> task.getRecords().stream()
                    .anyMatch(r -> hash.equals(r.key()) && r.value() != null));

            as(owner).when().delete(keysPath() + "/" + created.path("id")).then().statusCode(204);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> task.getRecords().stream().anyMatch(r -> hash.equals(r.key()) && r.value() == null));
        } finally {
            task.stop();
        }
    }

    @Test
    void createAndRevokePublishContractValidEventsWithoutTheKey() throws Exception {
        ExtractableResponse<Response> created = as(owner).contentType(ContentType.JSON).body(Map.of("name", "agent"))
                .when().post(keysPath()).then().statusCode(201).extract();
        String key = created.path("key");
        String keyId = created.path("id");
        as(owner).when().delete(keysPath() + "/" + keyId).then().statusCode(204);

        ConsumerRecord<String, String> issued = awaitRecord(TenantTopics.API_KEYS, ApiKeyFormat.sha256Hex(key), ISSUED);
        EventContracts.assertValid(issued.value());
        JsonNode issuedData = readTree(issued.value()).get("data");
        assertThat(issuedData.get("keyId").asText()).isEqualTo(keyId);
        assertThat(issuedData.get("keyHash").asText()).isEqualTo(ApiKeyFormat.sha256Hex(key));
        assertThat(issuedData.get("displayHint").asText()).isEqualTo(ApiKeyFormat.displayHint(key));
        assertThat(issuedData.get("name").asText()).isEqualTo("agent");

        ConsumerRecord<String, String> createdEvent = awaitRecord(TenantTopics.EVENTS, organizationId.toString(), CREATED);
        EventContracts.assertValid(createdEvent.value());
        JsonNode createdData = readTree(createdEvent.value()).get("data");
        assertThat(createdData.get("keyId").asText()).isEqualTo(keyId);
        assertThat(createdData.get("actor").get("id").asText()).isEqualTo(owner);

        ConsumerRecord<String, String> revokedEvent = awaitRecord(TenantTopics.EVENTS, organizationId.toString(), REVOKED);
        EventContracts.assertValid(revokedEvent.value());
        assertThat(readTree(revokedEvent.value()).get("data").get("reason").asText()).isEqualTo("REVOKED");

        assertThat(issued.value() + createdEvent.value() + revokedEvent.value()).doesNotContain(key);
    }

    @Test
    void regenerateRevokesTheOldKeyAndIssuesANewOneWithTheSameNameInOneStep() {
        ExtractableResponse<Response> old = as(owner).contentType(ContentType.JSON).body(Map.of("name", "cursor"))
                .when().post(keysPath()).then().statusCode(201).extract();
        create(owner).then().statusCode(201);

        ExtractableResponse<Response> renewed = as(owner).when().post(keysPath() + "/" + old.path("id") + "/regenerate")
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("name", equalTo("cursor"))
                .extract();

        String newKey = renewed.path("key");
        assertThat(ApiKeyFormat.isWellFormed(newKey)).isTrue();
        assertThat(newKey).isNotEqualTo(old.path("key"));
        assertThat(activeKeyCount()).isEqualTo(2);
        JsonNode keys = readTree(as(owner).when().get(keysPath()).then().statusCode(200).extract().asString());
        assertThat(statusOf(keys, old.path("id"))).isEqualTo("REVOKED");
        assertThat(statusOf(keys, renewed.path("id"))).isEqualTo("ACTIVE");
        assertThat(revokeReasonOf(UUID.fromString(old.path("id")))).isEqualTo("REGENERATED");

        ConsumerRecord<String, String> revoked = awaitRecord(TenantTopics.EVENTS, organizationId.toString(), REVOKED);
        EventContracts.assertValid(revoked.value());
        assertThat(readTree(revoked.value()).get("data").get("reason").asText()).isEqualTo("REGENERATED");
        awaitTombstone(ApiKeyFormat.sha256Hex(old.path("key")));
    }

    @Test
    void regenerateWithFiveActiveKeysKeepsFiveAndRegeneratingARevokedKeyIsAConflict() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(owner).then().statusCode(201).extract().path("id"));
        }

        as(owner).when().post(keysPath() + "/" + ids.get(0) + "/regenerate").then().statusCode(201);
        assertThat(activeKeyCount()).isEqualTo(5);

        as(owner).when().post(keysPath() + "/" + ids.get(0) + "/regenerate")
                .then().statusCode(409)
                .contentType(Problems.PROBLEM_JSON);
        assertThat(activeKeyCount()).isEqualTo(5);
    }

    @Test
    void revokingAnAlreadyRevokedKeyChangesNothing() {
        String id = create(owner).then().statusCode(201).extract().path("id");
        as(owner).when().delete(keysPath() + "/" + id).then().statusCode(204);
        String revokedAt = revokedAtOf(UUID.fromString(id));

        as(owner).when().delete(keysPath() + "/" + id).then().statusCode(204);

        assertThat(revokedAtOf(UUID.fromString(id))).isEqualTo(revokedAt);
    }

    @Test
    void aMemberCanListKeysButCannotCreateRevokeOrRegenerateThem() {
        String id = create(owner).then().statusCode(201).extract().path("id");
        String member = "member-" + UUID.randomUUID();
        transactions.asService(tx -> members.insert(tx, organizationId, member + "@example.com", member, MemberRole.MEMBER))
                .await().atMost(WAIT);

        as(member).when().get(keysPath()).then().statusCode(200).body("$", hasSize(1));
        create(member).then().statusCode(403).contentType(Problems.PROBLEM_JSON);
        as(member).when().delete(keysPath() + "/" + id).then().statusCode(403);
        as(member).when().post(keysPath() + "/" + id + "/regenerate").then().statusCode(403);
        assertThat(activeKeyCount()).isEqualTo(1);
    }

    @Test
    void anAdminCanManageKeys() {
        String admin = "admin-" + UUID.randomUUID();
        transactions.asService(tx -> members.insert(tx, organizationId, admin + "@example.com", admin, MemberRole.ADMIN))
                .await().atMost(WAIT);

        String id = create(admin).then().statusCode(201).extract().path("id");
        as(admin).when().delete(keysPath() + "/" + id).then().statusCode(204);
    }

    @Test
    void anotherOrganizationsKeyIsNotFound() {
        String otherOwner = "owner-" + UUID.randomUUID();
        UUID other = organizations.createOrGet(otherOwner, otherOwner + "@example.com", "Other").await().atMost(WAIT)
                .organization().id();
        String foreignKey = as(otherOwner).contentType(ContentType.JSON).body("{}").when()
                .post("/internal/organizations/" + other + "/api-keys")
                .then().statusCode(201).extract().path("id");

        as(owner).when().delete(keysPath() + "/" + foreignKey)
                .then().statusCode(404).contentType(Problems.PROBLEM_JSON);
        as(owner).when().post(keysPath() + "/" + foreignKey + "/regenerate").then().statusCode(404);
        assertThat(revokedAtOf(UUID.fromString(foreignKey))).isNull();
    }

    @Test
    void aUserWhoIsNotAMemberGetsNotFoundForTheOrganization() {
        as(owner).when().get("/internal/organizations/" + UUID.randomUUID() + "/api-keys")
                .then().statusCode(404)
                .body("detail", equalTo("organization not found"));
        create("stranger-" + UUID.randomUUID()).then().statusCode(404);
        assertThat(activeKeyCount()).isZero();
    }

    @Test
    void requestsWithoutActingUserOrServiceTokenAreRefused() {
        given().auth().oauth2(TestTokens.serviceToken()).when().get(keysPath()).then().statusCode(400);
        given().header("X-Acting-User", owner).when().get(keysPath()).then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenWithoutRole()).header("X-Acting-User", owner)
                .contentType(ContentType.JSON).body("{}").when().post(keysPath())
                .then().statusCode(403);
        assertThat(activeKeyCount()).isZero();
    }

    private RequestSpecification as(String subject) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", subject);
    }

    private Response create(String subject) {
        return as(subject).contentType(ContentType.JSON).body("{}").when().post(keysPath());
    }

    private String keysPath() {
        return "/internal/organizations/" + organizationId + "/api-keys";
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusOf(JsonNode keys, String id) {
        for (JsonNode key : keys) {
            if (key.get("id").asText().equals(id)) {
                return key.get("status").asText();
            }
        }
        throw new AssertionError("no key " + id);
    }

    private long activeKeyCount() {
        return pool.preparedQuery("SELECT count(*) FROM tenant.api_keys WHERE organization_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(organizationId)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private List<Integer> activeSlots() {
        List<Integer> slots = new ArrayList<>();
        pool.preparedQuery("SELECT slot FROM tenant.api_keys WHERE organization_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(organizationId)).await().atMost(WAIT).forEach(row -> slots.add((int) row.getShort(0)));
        return slots;
    }

    private String storedHashOf(UUID keyId) {
        return column("key_hash", keyId);
    }

    private String revokeReasonOf(UUID keyId) {
        return column("revoke_reason", keyId);
    }

    private String revokedAtOf(UUID keyId) {
        return column("revoked_at::text", keyId);
    }

    private String column(String expression, UUID keyId) {
        return pool.preparedQuery("SELECT " + expression + " FROM tenant.api_keys WHERE id = $1")
                .execute(Tuple.of(keyId)).await().atMost(WAIT).iterator().next().getString(0);
    }

    /** The one record on {@code topic} with this key and CloudEvents type; the newest if there are several. */
    private ConsumerRecord<String, String> awaitRecord(String topic, String key, String type) {
        ConsumerTask<String, String> task = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics(topic);
        try {
            await().atMost(WAIT).until(() -> task.getRecords().stream().anyMatch(r -> matches(r, key, type)));
            List<ConsumerRecord<String, String>> matching = task.getRecords().stream().filter(r -> matches(r, key, type))
                    .toList();
            return matching.get(matching.size() - 1);
        } finally {
            task.stop();
        }
    }

    private void awaitTombstone(String hash) {
        ConsumerTask<String, String> task = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics(TenantTopics.API_KEYS);
        try {
            await().atMost(WAIT).until(() -> task.getRecords().stream()
                    .anyMatch(r -> hash.equals(r.key()) && r.value() == null));
        } finally {
            task.stop();
        }
    }

    private boolean matches(ConsumerRecord<String, String> record, String key, String type) {
        return key.equals(record.key()) && record.value() != null
                && type.equals(readTree(record.value()).get("type").asText());
    }
}
