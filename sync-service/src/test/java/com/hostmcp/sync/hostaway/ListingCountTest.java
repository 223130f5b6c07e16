package com.hostmcp.sync.hostaway;

import static io.restassured.RestAssured.given;
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
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.sync.SyncFixtures;
import com.hostmcp.sync.SyncFixtures.Account;
import com.hostmcp.sync.SyncFixtures.StoredRun;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** Counting against the Hostaway stand-in: archived listings excluded, large accounts fast, failures retried. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ListingCountTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

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
    void theLargeAccountIsCountedWithArchivedListingsExcludedInWellUnder30Seconds() {
        Account large = new Account(Long.toString(HostawaySeedAccounts.LARGE_ACCOUNT_ID),
                HostawaySeedAccounts.LARGE_SECRET);
        int requestsBefore = hostaway.requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID);
        UUID organizationId = UUID.randomUUID();

        long started = System.nanoTime();
        fixtures.send(SyncFixtures.ORGANIZATIONS_TOPIC, organizationId,
                fixtures.connectedSnapshot(organizationId, 1, large, Instant.now()));
        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        long endToEndMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(run.outcome()).isEqualTo("SUCCEEDED");
        assertThat(run.activeListings()).isEqualTo(500);
        assertThat(run.totalListings()).isEqualTo(520);
        // a token and two pages of 500
        int requests = hostaway.requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID) - requestsBefore;
        assertThat(requests).isEqualTo(3);
        JsonNode event = fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED).get(0);
        EventContracts.assertValid(event.toString());
        assertThat(event.at("/data/activeListings").asInt()).isEqualTo(500);
        assertThat(event.at("/data/totalListings").asInt()).isEqualTo(520);
        System.out.printf("LARGE account (500 active + 20 archived): run took %d ms with %d Hostaway requests;"
                + " snapshot published -> run finished %d ms%n", run.durationMs(), requests, endToEndMs);
        assertThat(run.durationMs()).isLessThan(30_000);
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedAndTheRunStillSucceeds() {
        Account account = SyncFixtures.newAccount(4, 1);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        double errorsBefore = answers("listings", "503");
        double limitedBefore = answers("listings", "429");
        hostaway.failNext(Long.parseLong(account.id()), 3, 503);

        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId,
                fixtures.syncRequested(organizationId, UUID.randomUUID()));
        StoredRun first = fixtures.awaitFinishedRuns(organizationId, 1).get(0);

        assertThat(first.outcome()).isEqualTo("SUCCEEDED");
        assertThat(first.activeListings()).isEqualTo(3);
        // token + three failed pages + the page that worked
        assertThat(hostaway.requestCount(Long.parseLong(account.id()))).isEqualTo(5);
        assertThat(answers("listings", "503") - errorsBefore).isEqualTo(3);

        hostaway.failNext(Long.parseLong(account.id()), 1, 429);
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId,
                fixtures.syncRequested(organizationId, UUID.randomUUID()));
        StoredRun second = fixtures.awaitFinishedRuns(organizationId, 2).get(1);
        assertThat(second.outcome()).isEqualTo("SUCCEEDED");
        assertThat(answers("listings", "429") - limitedBefore).isEqualTo(1);
        assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).hasSize(2);
    }

    @Test
    void hostawayFailingBeyondTheRetriesEndsTheRunFailedWithoutACountEvent() {
        Account account = SyncFixtures.newAccount(4, 1);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        hostaway.failNext(Long.parseLong(account.id()), 20, 500);

        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId,
                fixtures.syncRequested(organizationId, UUID.randomUUID()));
        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        hostaway.failNext(Long.parseLong(account.id()), 0, 500);

        assertThat(run.outcome()).isEqualTo("FAILED");
        assertThat(run.reason()).contains("GET /v1/listings answered 500");
        assertThat(run.activeListings()).isNull();
        // the token, then the first attempt and four retries
        assertThat(hostaway.requestCount(Long.parseLong(account.id()))).isEqualTo(6);
        assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).isEmpty();
        assertThat(fixtures.outbox(organizationId, SyncFixtures.CREDENTIALS_REJECTED)).isEmpty();
    }

    @Test
    void runsAndHostawayAnswersAreExposedAsMetrics() {
        Account account = SyncFixtures.newAccount(2, 0);
        UUID organizationId = fixtures.longConnectedOrganization(account);
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId,
                fixtures.syncRequested(organizationId, UUID.randomUUID()));
        fixtures.awaitFinishedRuns(organizationId, 1);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> lines = metrics.lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("sync_runs_total{")
                && line.contains("outcome=\"SUCCEEDED\"") && line.contains("trigger=\"ON_DEMAND\""));
        assertThat(lines).anyMatch(line -> line.startsWith("sync_run_duration_seconds_count{"));
        assertThat(lines).anyMatch(line -> line.startsWith("hostaway_requests_total{")
                && line.contains("call=\"listings\"") && line.contains("status=\"200\""));
        assertThat(lines).anyMatch(line -> line.startsWith("hostaway_limiter_wait_seconds_count"));
    }

    private double answers(String call, String status) {
        Counter counter = registry.find("hostaway.requests").tag("call", call).tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
