package com.hostmcp.sync.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.sync.SyncFixtures;
import com.hostmcp.sync.SyncFixtures.Account;
import com.hostmcp.sync.SyncFixtures.StoredRun;
import com.hostmcp.sync.TestTokens;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** "Sync Now" from sync.requests.v1: one run per burst of requests, one per request however often it is delivered. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class SyncNowTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    SyncFixtures fixtures;
    HostawayStandIn hostaway = HostawayStandInResource.standIn();

    @BeforeEach
    void setUp() {
        fixtures = new SyncFixtures(pool, mapper);
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @Test
    void syncNowCountsTheListingsAndPublishesAContractValidCountOnKafka() throws Exception {
        Account account = SyncFixtures.newAccount(12, 2);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        UUID requestId = UUID.randomUUID();
        var published = fixtures.kafka().consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics("sync.listing-counts.v1");

        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, fixtures.syncRequested(organizationId, requestId));

        // the dashboard's view: poll the run of the request until it has finished
        String path = "/internal/organizations/" + organizationId + "/sync-requests/" + requestId;
        await().atMost(SyncFixtures.WAIT).until(() -> "FINISHED".equals(given().auth()
                .oauth2(TestTokens.serviceToken()).get(path).then().extract().path("status")));
        var run = given().auth().oauth2(TestTokens.serviceToken()).get(path).then().statusCode(200).extract()
                .jsonPath();
        assertThat(run.getString("trigger")).isEqualTo("ON_DEMAND");
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("activeListings")).isEqualTo(10);
        assertThat(run.getInt("totalListings")).isEqualTo(12);
        assertThat(run.getList("requestIds", String.class)).containsExactly(requestId.toString());

        await().atMost(SyncFixtures.WAIT).until(() -> published.getRecords().stream()
                .anyMatch(record -> record.value().contains(run.getString("runId"))));
        published.close();
        ConsumerRecord<String, String> record = published.getRecords().stream()
                .filter(r -> r.value().contains(run.getString("runId"))).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(organizationId.toString());
        assertThat(record.headers().toArray()).isEmpty();
        EventContracts.assertValid(record.value());
        JsonNode event = mapper.readTree(record.value());
        assertThat(event.at("/data/trigger").asText()).isEqualTo("ON_DEMAND");
        assertThat(event.at("/data/activeListings").asInt()).isEqualTo(10);
        assertThat(event.at("/data/totalListings").asInt()).isEqualTo(12);
        assertThat(event.at("/correlationid").asText()).isEqualTo(run.getString("runId"));
    }

    @Test
    void threeRequestsArrivingTogetherShareOneRun() {
        Account account = SyncFixtures.newAccount(3, 1);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        List<UUID> requestIds = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId,
                requestIds.stream().map(id -> fixtures.syncRequested(organizationId, id)).toArray(String[]::new));

        List<UUID> servingRuns = requestIds.stream().map(fixtures::awaitRunOfRequest).distinct().toList();
        assertThat(servingRuns).hasSize(1);
        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        assertThat(run.runId()).isEqualTo(servingRuns.get(0));
        assertThat(run.outcome()).isEqualTo("SUCCEEDED");
        assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).hasSize(1);
        // one token request and one page: Hostaway was asked once
        assertThat(hostaway.requestCount(Long.parseLong(account.id()))).isEqualTo(2);
    }

    @Test
    void aRequestDeliveredTwiceOrSentAgainIsServedByOneRun() {
        Account account = SyncFixtures.newAccount(3, 1);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        UUID requestId = UUID.randomUUID();
        String request = fixtures.syncRequested(organizationId, requestId);
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, request);
        UUID firstRun = fixtures.awaitRunOfRequest(requestId);
        fixtures.awaitFinishedRuns(organizationId, 1);

        // the same record again (redelivery), the same request as a new event, then another request (same partition,
        // so once it is served the duplicates have been consumed)
        UUID later = UUID.randomUUID();
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, request,
                fixtures.syncRequested(organizationId, requestId), fixtures.syncRequested(organizationId, later));
        UUID laterRun = fixtures.awaitRunOfRequest(later);

        List<StoredRun> runs = fixtures.awaitFinishedRuns(organizationId, 2);
        assertThat(runs).extracting(StoredRun::runId).containsExactly(firstRun, laterRun);
        assertThat(fixtures.rows("SELECT request_id FROM sync.sync_requests WHERE run_id = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(firstRun))).hasSize(1);
        assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).hasSize(2);
    }

    @Test
    void aRequestForAnOrganizationWithoutCredentialsEndsFailedWithAReasonAndPublishesNothing() {
        UUID organizationId = UUID.randomUUID();
        fixtures.project(organizationId, 1,
                fixtures.snapshot(organizationId, 1, false, "NOT_CONNECTED", null, null, null));
        UUID requestId = UUID.randomUUID();

        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, fixtures.syncRequested(organizationId, requestId));

        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        assertThat(run.outcome()).isEqualTo("FAILED");
        assertThat(run.reason()).isEqualTo("Hostaway is not connected");
        assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).isEmpty();
        assertThat(fixtures.outbox(organizationId, SyncFixtures.CREDENTIALS_REJECTED)).isEmpty();
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopicAndTheNextOneIsStillServed() {
        Account account = SyncFixtures.newAccount(3, 1);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        String poison = "not a cloud event " + UUID.randomUUID();
        var deadLetters = fixtures.kafka().consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics("sync.requests.v1.sync-service.dlq");
        UUID requestId = UUID.randomUUID();

        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, poison,
                fixtures.syncRequested(organizationId, requestId));

        fixtures.awaitRunOfRequest(requestId);
        await().atMost(SyncFixtures.WAIT)
                .until(() -> deadLetters.getRecords().stream().anyMatch(r -> poison.equals(r.value())));
        deadLetters.close();
        assertThat(fixtures.awaitFinishedRuns(organizationId, 1).get(0).outcome()).isEqualTo("SUCCEEDED");
    }
}
