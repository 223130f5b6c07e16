package com.hostmcp.sync.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.sync.SyncFixtures;
import com.hostmcp.sync.SyncFixtures.StoredRun;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A run whose worker died (a crashed replica) is recorded as FAILED once its lease is over, and unblocks the queue. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class SyncWorkerTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    SyncWorker worker;

    SyncFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new SyncFixtures(pool, mapper);
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @Test
    void aRunAbandonedByItsWorkerIsRecordedFailedAndTheNextRequestIsServed() {
        UUID organizationId = fixtures.longConnectedOrganization(SyncFixtures.newAccount(3, 1));
        UUID abandoned = UUID.randomUUID();
        // what a replica that crashed mid-run leaves behind: RUNNING under a lease that has run out
        fixtures.rows("INSERT INTO sync.sync_runs (run_id, organization_id, trigger, status, priority, claimed_by,"
                + " claimed_until, started_at) VALUES ($1, $2, 'ON_DEMAND', 'RUNNING', 0, 'crashed-replica',"
                + " now() - interval '1 minute', now() - interval '16 minutes')", Tuple.of(abandoned, organizationId));
        UUID requestId = UUID.randomUUID();
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, fixtures.syncRequested(organizationId, requestId));
        // the request joins the running run; nothing else may run for the organization meanwhile
        assertThat(fixtures.awaitRunOfRequest(requestId)).isEqualTo(abandoned);

        worker.recordAbandonedRuns();

        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        assertThat(run.outcome()).isEqualTo("FAILED");
        assertThat(run.reason()).contains("crashed-replica").contains("lease");
        assertThat(run.durationMs()).isGreaterThanOrEqualTo(15 * 60 * 1000L);

        UUID retry = UUID.randomUUID();
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, fixtures.syncRequested(organizationId, retry));
        assertThat(fixtures.awaitRunOfRequest(retry)).isNotEqualTo(abandoned);
        assertThat(fixtures.awaitFinishedRuns(organizationId, 2).get(1).outcome()).isEqualTo("SUCCEEDED");
    }
}
