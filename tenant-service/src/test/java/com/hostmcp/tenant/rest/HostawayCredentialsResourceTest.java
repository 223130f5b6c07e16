package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.tenant.OutboxRows;
import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.messaging.TenantTopics;
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
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Connecting, replacing, testing and disconnecting Hostaway through the internal API, against the Hostaway stand-in. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class HostawayCredentialsResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SMALL = String.valueOf(HostawaySeedAccounts.SMALL_ACCOUNT_ID);
    private static final String MEDIUM = String.valueOf(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID);
    private static final String CONNECTED = "com.hostmcp.tenant.HostawayCredentialsConnected.v1";
    private static final String INVALIDATED = "com.hostmcp.tenant.HostawayCredentialsInvalidated.v1";
    private static final String DISCONNECTED = "com.hostmcp.tenant.HostawayCredentialsDisconnected.v1";
    private static final String STATE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    @Inject
    OrganizationService organizations;
    @Inject
    CredentialCipher cipher;
    @Inject
    RecordedCredentialNotices notices;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    HostawayStandIn hostaway;
    OutboxRows outbox;
    String owner;
    UUID organizationId;

    @BeforeEach
    void setUp() {
        hostaway = HostawayStandInResource.standIn();
        hostaway.reset();
        outbox = new OutboxRows(pool, mapper);
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Lakeside Stays").await().atMost(WAIT)
                .organization().id();
    }

    @AfterEach
    void resetHostaway() {
        hostaway.reset();
    }

    @Test
    void aValidAccountConnectsAndTheSnapshotCarriesOnlyTheCiphertext() throws Exception {
        String body = connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET)
                .statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("accountId", equalTo(SMALL))
                .body("connectedAt", notNullValue())
                .body("invalidReason", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(HostawaySeedAccounts.SMALL_SECRET).doesNotContain("ecret");

        as(owner).get(path()).then().statusCode(200).body("status", equalTo("CONNECTED")).body("accountId", equalTo(SMALL));

        JsonNode snapshot = awaitSnapshot(state -> "CONNECTED".equals(state.at("/data/hostaway/status").asText()));
        EventContracts.assertValid(snapshot.toString());
        JsonNode connection = snapshot.at("/data/hostaway");
        assertThat(connection.get("accountId").asText()).isEqualTo(SMALL);
        String encrypted = connection.get("encryptedCredentials").asText();
        assertThat(encrypted).doesNotContain(HostawaySeedAccounts.SMALL_SECRET);
        assertThat(new String(Base64.getDecoder().decode(encrypted), StandardCharsets.ISO_8859_1))
                .doesNotContain(HostawaySeedAccounts.SMALL_SECRET);
        assertThat(cipher.decrypt(organizationId, Base64.getDecoder().decode(encrypted)))
                .as("the gateway, holding the keyset, can decrypt it").isEqualTo(HostawaySeedAccounts.SMALL_SECRET);

        List<JsonNode> connected = outbox.events(organizationId, CONNECTED);
        assertThat(connected).hasSize(1);
        EventContracts.assertValid(connected.get(0).toString());
        assertThat(connected.get(0).at("/data/replaced").asBoolean()).isFalse();
        assertThat(connected.get(0).at("/data/actor/id").asText()).isEqualTo(owner);
    }

    @Test
    void neitherTheDatabaseNorAnyEventHoldsTheSecretInClear() {
        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);

        byte[] stored = pool.preparedQuery("SELECT secret_ciphertext FROM tenant.hostaway_credentials"
                + " WHERE organization_id = $1").execute(Tuple.of(organizationId)).await().atMost(WAIT)
                .iterator().next().getBuffer(0).getBytes();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(HostawaySeedAccounts.SMALL_SECRET);
        assertThat(cipher.decrypt(organizationId, stored)).isEqualTo(HostawaySeedAccounts.SMALL_SECRET);
        long rowsWithTheSecret = pool.preparedQuery("SELECT count(*) FROM tenant.hostaway_credentials"
                + " WHERE position(convert_to($1, 'UTF8') IN secret_ciphertext) > 0")
                .execute(Tuple.of(HostawaySeedAccounts.SMALL_SECRET)).await().atMost(WAIT).iterator().next().getLong(0);
        long eventsWithTheSecret = pool.preparedQuery("SELECT count(*) FROM tenant.outbox WHERE position($1 IN payload) > 0")
                .execute(Tuple.of(HostawaySeedAccounts.SMALL_SECRET)).await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(rowsWithTheSecret).isZero();
        assertThat(eventsWithTheSecret).isZero();
    }

    @Test
    void aWrongSecretIsRefusedWith422AndNothingIsStored() {
        connect(owner, SMALL, "not-the-secret")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", containsString("rejected the account id or the secret key"));

        assertNothingStored();
    }

    @Test
    void hostawayFailingIsA503WithRetryAfterAndNothingIsStored() {
        hostaway.failNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 10, 503);

        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("detail", containsString("nothing was changed"));

        assertNothingStored();
        assertThat(hostaway.requestCount(HostawaySeedAccounts.SMALL_ACCOUNT_ID))
                .as("three attempts of a token request and a listing call").isEqualTo(6);
    }

    @Test
    void hostawayRateLimitingIsA503WithRetryAfterWithoutRetrying() {
        hostaway.failNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 10, 429);

        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET)
                .statusCode(503)
                .header("Retry-After", "10")
                .body("detail", containsString("429"));

        assertNothingStored();
        assertThat(hostaway.requestCount(HostawaySeedAccounts.SMALL_ACCOUNT_ID)).isEqualTo(2);
    }

    @Test
    void aSingleHostawayFailureIsRetriedAndTheAccountConnects() {
        hostaway.failNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 1, 502);

        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200).body("status", equalTo("CONNECTED"));
    }

    @Test
    void connectingAnotherAccountReplacesTheFirst() {
        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);

        connect(owner, MEDIUM, HostawaySeedAccounts.MEDIUM_SECRET).statusCode(200).body("accountId", equalTo(MEDIUM));

        List<JsonNode> connected = outbox.events(organizationId, CONNECTED);
        assertThat(connected).extracting(event -> event.at("/data/replaced").asBoolean()).containsExactly(false, true);
        JsonNode latest = last(outbox.events(organizationId, STATE));
        assertThat(latest.at("/data/hostaway/accountId").asText()).isEqualTo(MEDIUM);
        assertThat(cipher.decrypt(organizationId,
                Base64.getDecoder().decode(latest.at("/data/hostaway/encryptedCredentials").asText())))
                .isEqualTo(HostawaySeedAccounts.MEDIUM_SECRET);
    }

    @Test
    void testingAgainMarksRejectedCredentialsInvalidOnceAndWorkingOnesConnectedAgain() {
        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);
        hostaway.rotateSecret(HostawaySeedAccounts.SMALL_ACCOUNT_ID, "rotated-in-hostaway");

        test(owner).statusCode(200)
                .body("status", equalTo("INVALID"))
                .body("accountId", equalTo(SMALL))
                .body("invalidReason", containsString("rejected"))
                .body("invalidSince", notNullValue());
        test(owner).statusCode(200).body("status", equalTo("INVALID"));

        List<JsonNode> invalidated = outbox.events(organizationId, INVALIDATED);
        assertThat(invalidated).hasSize(1);
        EventContracts.assertValid(invalidated.get(0).toString());
        assertThat(notices.of(organizationId)).hasSize(1);
        JsonNode invalidState = last(outbox.events(organizationId, STATE));
        EventContracts.assertValid(invalidState.toString());
        assertThat(invalidState.at("/data/hostaway/status").asText()).isEqualTo("INVALID");

        hostaway.reset();
        test(owner).statusCode(200).body("status", equalTo("CONNECTED")).body("invalidReason", nullValue());

        assertThat(outbox.events(organizationId, CONNECTED)).hasSize(2)
                .allSatisfy(event -> assertThat(event.at("/data/replaced").asBoolean()).isFalse());
        assertThat(last(outbox.events(organizationId, STATE)).at("/data/hostaway/status").asText())
                .isEqualTo("CONNECTED");
    }

    @Test
    void testingWhileHostawayIsDownChangesNothing() {
        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);
        int snapshots = outbox.events(organizationId, STATE).size();
        hostaway.failNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 10, 500);

        test(owner).statusCode(503).header("Retry-After", notNullValue());

        as(owner).get(path()).then().body("status", equalTo("CONNECTED"));
        assertThat(outbox.events(organizationId, STATE)).hasSize(snapshots);
    }

    @Test
    void testingWithoutCredentialsIsAConflict() {
        test(owner).statusCode(409).contentType("application/problem+json");
    }

    @Test
    void disconnectingRemovesTheCredentialsAndPublishesNotConnectedOnce() {
        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);

        as(owner).delete(path()).then().statusCode(204);
        as(owner).delete(path()).then().statusCode(204);

        assertNotConnected();
        List<JsonNode> disconnected = outbox.events(organizationId, DISCONNECTED);
        assertThat(disconnected).hasSize(1);
        EventContracts.assertValid(disconnected.get(0).toString());
        JsonNode latest = last(outbox.events(organizationId, STATE));
        EventContracts.assertValid(latest.toString());
        assertThat(latest.at("/data/hostaway/status").asText()).isEqualTo("NOT_CONNECTED");
        assertThat(latest.at("/data/hostaway/encryptedCredentials").isNull()).isTrue();
    }

    @Test
    void membersMayReadTheStatusButOnlyAdminsAndOwnersChangeIt() {
        String member = addMember("MEMBER");
        String admin = addMember("ADMIN");

        as(member).get(path()).then().statusCode(200).body("status", equalTo("NOT_CONNECTED"));
        connect(member, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(403);
        assertThat(hostaway.requestCount(HostawaySeedAccounts.SMALL_ACCOUNT_ID)).as("Hostaway is not asked").isZero();

        connect(admin, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);
        test(member).statusCode(403);
        as(member).delete(path()).then().statusCode(403);
        as(member).get(path()).then().statusCode(200).body("status", equalTo("CONNECTED"));
        assertThat(outbox.events(organizationId, CONNECTED).get(0).at("/data/actor/id").asText()).isEqualTo(admin);
    }

    @Test
    void someoneOutsideTheOrganizationFindsNothing() {
        connect(owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).statusCode(200);
        String stranger = "owner-" + UUID.randomUUID();
        organizations.createOrGet(stranger, stranger + "@example.com", "Elsewhere").await().atMost(WAIT);

        as(stranger).get(path()).then().statusCode(404);
        as(stranger).delete(path()).then().statusCode(404);
        as(owner).get(path()).then().body("status", equalTo("CONNECTED"));
    }

    @Test
    void invalidAccountIdsAndSecretsAreNamedAndNeverEchoed() {
        String longSecret = "s".repeat(201);
        as(owner).contentType(ContentType.JSON).body(Map.of("accountId", "12ab", "secretKey", longSecret))
                .put(path()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("accountId", "secretKey"))
                .body(org.hamcrest.Matchers.not(containsString(longSecret)));
        as(owner).contentType(ContentType.JSON).body(Map.of("accountId", "", "secretKey", " "))
                .put(path()).then().statusCode(400).body("errors.field", hasItems("accountId", "secretKey"));
        as(owner).contentType(ContentType.JSON).body("{}").put(path()).then().statusCode(400);

        assertNothingStored();
    }

    @Test
    void theInternalRoleIsRequired() {
        given().auth().oauth2(TestTokens.tokenWithoutRole()).header("X-Acting-User", owner)
                .get(path()).then().statusCode(403);
        given().header("X-Acting-User", owner).get(path()).then().statusCode(401);
    }

    private String path() {
        return "/internal/organizations/" + organizationId + "/hostaway-credentials";
    }

    private RequestSpecification as(String subject) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", subject);
    }

    private ValidatableResponse connect(String subject, String accountId, String secretKey) {
        return as(subject).contentType(ContentType.JSON).body(Map.of("accountId", accountId, "secretKey", secretKey))
                .put(path()).then();
    }

    private ValidatableResponse test(String subject) {
        return as(subject).post(path() + "/test").then();
    }

    private void assertNotConnected() {
        as(owner).get(path()).then().statusCode(200)
                .body("status", equalTo("NOT_CONNECTED"))
                .body("accountId", nullValue());
        long rows = pool.preparedQuery("SELECT count(*) FROM tenant.hostaway_credentials WHERE organization_id = $1")
                .execute(Tuple.of(organizationId)).await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(rows).isZero();
    }

    /** A refused connect leaves no trace: no row, no event. */
    private void assertNothingStored() {
        assertNotConnected();
        assertThat(outbox.events(organizationId, CONNECTED)).isEmpty();
    }

    private String addMember(String role) {
        String subject = role.toLowerCase() + "-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO tenant.members (id, organization_id, email, subject, role)"
                + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(UUID.randomUUID(), organizationId, subject + "@example.com", subject, role))
                .await().atMost(WAIT);
        return subject;
    }

    private static JsonNode last(List<JsonNode> events) {
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }

    /** The organization's snapshot on the compacted topic that satisfies {@code wanted}, read from the beginning. */
    private JsonNode awaitSnapshot(java.util.function.Predicate<JsonNode> wanted) {
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers())) {
            var task = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID()).withAutoCommit()
                    .fromTopics(TenantTopics.ORGANIZATIONS);
            try {
                return await().atMost(WAIT).until(() -> task.getRecords().stream()
                        .filter(r -> organizationId.toString().equals(r.key()) && r.value() != null)
                        .map(ConsumerRecord::value).map(this::json).filter(wanted).findFirst(), Optional::isPresent)
                        .orElseThrow();
            } finally {
                task.stop();
            }
        }
    }

    private JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
