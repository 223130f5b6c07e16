package com.hostmcp.sync.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.standin.hostaway.HostawayStandInOptions;
import com.hostmcp.sync.SyncFixtures;
import com.hostmcp.sync.SyncFixtures.Account;
import com.hostmcp.sync.SyncFixtures.StoredRun;
import com.hostmcp.sync.repository.OrganizationRepository;
import com.hostmcp.sync.repository.SyncRunRepository;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The daily schedule: concurrent planners (as replicas would) plan each organization once a day; one organization's
 * rejected credentials do not stop the others; a run over many organizations keeps Hostaway's rate limits.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ScheduledSyncTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    DailySyncPlanner planner;
    @Inject
    MeterRegistry registry;
    @Inject
    OrganizationRepository organizationRepository;
    @Inject
    SyncRunRepository runRepository;

    SyncFixtures fixtures;
    HostawayStandIn hostaway = HostawayStandInResource.standIn();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        fixtures = new SyncFixtures(pool, mapper);
        // organizations of other tests count as planned today: each test schedules only its own
        fixtures.rows("UPDATE sync.organizations SET last_scheduled_sync_date = $1", Tuple.of(today));
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @Test
    void concurrentPlannersSyncEachOrganizationOnceADay() throws Exception {
        Map<UUID, Account> organizations = organizations(8);
        assertThat(organizations.keySet()).allSatisfy(id -> assertThat(fixtures.runs(id)).isEmpty());

        // replica B is in the middle of its claim: 3 organizations claimed, not yet committed
        SqlConnection replicaB = pool.getConnection().await().atMost(SyncFixtures.WAIT);
        Transaction claimOfB = replicaB.begin().await().atMost(SyncFixtures.WAIT);
        List<UUID> claimedByB = organizationRepository.claimDue(replicaB, today, 3).await().atMost(SyncFixtures.WAIT);
        // meanwhile two more planners race each other for the rest, without waiting for B
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<DailySyncPlanner.Plan> a = CompletableFuture.supplyAsync(() -> plan(start, "planner-a"));
        CompletableFuture<DailySyncPlanner.Plan> c = CompletableFuture.supplyAsync(() -> plan(start, "planner-c"));
        start.countDown();
        DailySyncPlanner.Plan planA = a.get(30, TimeUnit.SECONDS);
        DailySyncPlanner.Plan planC = c.get(30, TimeUnit.SECONDS);
        runRepository.enqueueScheduled(replicaB, claimedByB, "planner-b").await().atMost(SyncFixtures.WAIT);
        claimOfB.commit().await().atMost(SyncFixtures.WAIT);
        replicaB.closeAndAwait();
        DailySyncPlanner.Plan again = planner.planDay(today, "planner-a-again");

        assertThat(claimedByB).hasSize(3);
        assertThat(planA.claimed() + planC.claimed()).isEqualTo(5);
        assertThat(again.claimed()).isZero();
        Map<String, Integer> byPlanner = new HashMap<>();
        organizations.forEach((organizationId, account) -> {
            List<StoredRun> runs = fixtures.awaitFinishedRuns(organizationId, 1);
            assertThat(runs.get(0).trigger()).isEqualTo("SCHEDULED");
            assertThat(runs.get(0).outcome()).isEqualTo("SUCCEEDED");
            assertThat(runs.get(0).activeListings()).isEqualTo(2);
            byPlanner.merge(runs.get(0).plannedBy(), 1, Integer::sum);
            // synced once: one token request and one page, whatever the planners did
            assertThat(hostaway.requestCount(Long.parseLong(account.id()))).isEqualTo(2);
            List<JsonNode> counts = fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED);
            assertThat(counts).hasSize(1);
            EventContracts.assertValid(counts.get(0).toString());
            assertThat(counts.get(0).at("/data/trigger").asText()).isEqualTo("SCHEDULED");
        });
        assertThat(byPlanner.get("planner-b")).isEqualTo(3);
        System.out.printf("Concurrent planners: B held 3 claims open, A claimed %d and C claimed %d meanwhile;"
                + " runs by planner %s%n", planA.claimed(), planC.claimed(), byPlanner);
    }

    @Test
    void oneOrganizationsRejectedCredentialsDoNotStopTheOthers() {
        Map<UUID, Account> organizations = organizations(4);
        UUID rotated = organizations.keySet().iterator().next();
        hostaway.rotateSecret(Long.parseLong(organizations.get(rotated).id()), "rotated-" + UUID.randomUUID());

        planner.planDay(today, "planner");

        organizations.forEach((organizationId, account) -> {
            StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
            if (organizationId.equals(rotated)) {
                assertThat(run.outcome()).isEqualTo("CREDENTIALS_REJECTED");
                List<JsonNode> failures = fixtures.outbox(organizationId, SyncFixtures.CREDENTIALS_REJECTED);
                assertThat(failures).hasSize(1);
                EventContracts.assertValid(failures.get(0).toString());
                assertThat(failures.get(0).at("/data/detectedBy").asText()).isEqualTo("sync-service");
                assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).isEmpty();
            } else {
                assertThat(run.outcome()).isEqualTo("SUCCEEDED");
                assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).hasSize(1);
                assertThat(fixtures.outbox(organizationId, SyncFixtures.CREDENTIALS_REJECTED)).isEmpty();
            }
        });
    }

    @Test
    void aScheduledRunOverManyOrganizationsStaysWithinHostawaysRateLimits() throws Exception {
        Map<UUID, Account> organizations = organizations(40);
        double limitedBefore = rateLimitedAnswers();
        List<long[]> samples = new ArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        // what the stand-in saw from these accounts, sampled every 100 ms
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                int total = organizations.values().stream()
                        .mapToInt(account -> hostaway.requestCount(Long.parseLong(account.id()))).sum();
                synchronized (samples) {
                    samples.add(new long[] { System.nanoTime(), total });
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();

        long started = System.nanoTime();
        planner.planDay(today, "planner");
        organizations.keySet().forEach(id -> assertThat(fixtures.awaitFinishedRuns(id, 1).get(0).outcome())
                .isEqualTo("SUCCEEDED"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        sampling.set(false);
        sampler.join();

        int requests = organizations.values().stream()
                .mapToInt(account -> hostaway.requestCount(Long.parseLong(account.id()))).sum();
        int busiestWindow = busiestTenSeconds(samples);
        System.out.printf("Scheduled run over %d organizations: %d Hostaway requests in %.1f s (%.1f per 10 s on"
                + " average, at most %d in any 10 s window; Hostaway allows %d per IP); 429 answers: %.0f%n",
                organizations.size(), requests, took.toMillis() / 1000.0, requests * 10_000.0 / took.toMillis(),
                busiestWindow, HostawayStandInOptions.HOSTAWAY_PER_IP_LIMIT, rateLimitedAnswers() - limitedBefore);

        // every account: one token and one page, so nothing was answered 429 and retried
        organizations.values().forEach(
                account -> assertThat(hostaway.requestCount(Long.parseLong(account.id()))).isEqualTo(2));
        assertThat(rateLimitedAnswers() - limitedBefore).isZero();
        assertThat(busiestWindow).isLessThanOrEqualTo(HostawayStandInOptions.HOSTAWAY_PER_IP_LIMIT);
    }

    /** The most requests between two samples at most 10 s apart. */
    private static int busiestTenSeconds(List<long[]> samples) {
        int busiest = 0;
        int from = 0;
        for (int to = 0; to < samples.size(); to++) {
            while (samples.get(to)[0] - samples.get(from)[0] > Duration.ofSeconds(10).toNanos()) {
                from++;
            }
            busiest = (int) Math.max(busiest, samples.get(to)[1] - samples.get(from)[1]);
        }
        return busiest;
    }

    private DailySyncPlanner.Plan plan(CountDownLatch start, String plannerId) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return planner.planDay(today, plannerId);
    }

    /** Organizations connected long ago (no connect trigger), each on its own new account of 3 listings, 1 archived. */
    private Map<UUID, Account> organizations(int count) {
        Map<UUID, Account> organizations = new java.util.LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> {
            Account account = SyncFixtures.newAccount(3, 1);
            organizations.put(fixtures.longConnectedOrganization(account), account);
        });
        return organizations;
    }

    private double rateLimitedAnswers() {
        return registry.find("hostaway.requests").tag("status", "429").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
