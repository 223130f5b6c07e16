package com.hostmcp.sync.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.sync.SyncFixtures;
import com.hostmcp.sync.SyncFixtures.Account;
import com.hostmcp.sync.SyncFixtures.StoredRun;
import com.hostmcp.testsupport.crypto.TestKeysets;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Snapshots of tenant.organizations.v1: the projection, and the immediate sync when credentials connect. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ConnectTriggerTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

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
    void connectingCredentialsSyncsAtOnceAndPublishesAContractValidCount() {
        Account account = SyncFixtures.newAccount(5, 2);
        UUID organizationId = UUID.randomUUID();

        fixtures.send(SyncFixtures.ORGANIZATIONS_TOPIC, organizationId,
                fixtures.connectedSnapshot(organizationId, 1, account, Instant.now()));

        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        assertThat(run.trigger()).isEqualTo("CREDENTIALS_CONNECTED");
        assertThat(run.outcome()).isEqualTo("SUCCEEDED");
        assertThat(run.activeListings()).isEqualTo(3);
        assertThat(run.totalListings()).isEqualTo(5);

        List<JsonNode> counts = fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED);
        assertThat(counts).hasSize(1);
        EventContracts.assertValid(counts.get(0).toString());
        assertThat(counts.get(0).at("/data/trigger").asText()).isEqualTo("CREDENTIALS_CONNECTED");
        assertThat(counts.get(0).at("/data/runId").asText()).isEqualTo(run.runId().toString());
        assertThat(counts.get(0).at("/data/activeListings").asInt()).isEqualTo(3);
        assertThat(counts.get(0).at("/data/totalListings").asInt()).isEqualTo(5);
    }

    @Test
    void rejectedCredentialsEndTheRunCredentialsRejectedAndReportTheFailure() {
        Account account = SyncFixtures.newAccount(3, 1);
        Account wrongSecret = new Account(account.id(), "not-the-secret-" + UUID.randomUUID());
        UUID organizationId = UUID.randomUUID();

        fixtures.send(SyncFixtures.ORGANIZATIONS_TOPIC, organizationId,
                fixtures.connectedSnapshot(organizationId, 1, wrongSecret, Instant.now()));

        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        assertThat(run.outcome()).isEqualTo("CREDENTIALS_REJECTED");
        assertThat(run.reason()).contains("accessTokens").contains("403").doesNotContain(wrongSecret.secret());
        assertThat(run.activeListings()).isNull();
        assertThat(fixtures.outbox(organizationId, SyncFixtures.COUNT_SYNCED)).isEmpty();

        List<JsonNode> failures = fixtures.outbox(organizationId, SyncFixtures.CREDENTIALS_REJECTED);
        assertThat(failures).hasSize(1);
        JsonNode failure = failures.get(0);
        EventContracts.assertValid(failure.toString());
        assertThat(failure.at("/source").asText()).isEqualTo("/sync-service");
        assertThat(failure.at("/data/detectedBy").asText()).isEqualTo("sync-service");
        assertThat(failure.at("/data/accountId").asText()).isEqualTo(account.id());
        assertThat(failure.at("/data/httpStatus").asInt()).isEqualTo(403);
        assertThat(failure.toString()).doesNotContain(wrongSecret.secret());
    }

    @Test
    void snapshotsApplyByVersionAndOnlyNewCredentialsTriggerASync() {
        Account account = SyncFixtures.newAccount(2, 0);
        UUID organizationId = UUID.randomUUID();
        Instant connectedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fixtures.project(organizationId, 1, fixtures.connectedSnapshot(organizationId, 1, account, connectedAt));
        fixtures.awaitFinishedRuns(organizationId, 1);

        // key rotation: the same secret under a new ciphertext, same connectedAt -> no sync
        String reEncrypted = Base64.getEncoder().encodeToString(
                new CredentialCipher(TestKeysets.testOnlyKeyset()).encrypt(organizationId, account.secret()));
        fixtures.project(organizationId, 2, fixtures.snapshot(organizationId, 2, false, "CONNECTED", account.id(),
                reEncrypted, connectedAt));
        assertThat(stored(organizationId).getString("encrypted_credentials")).isEqualTo(reEncrypted);

        // an older snapshot arriving late changes nothing; then the credentials are replaced -> a second sync
        Account replacement = SyncFixtures.newAccount(4, 1);
        fixtures.send(SyncFixtures.ORGANIZATIONS_TOPIC, organizationId,
                fixtures.connectedSnapshot(organizationId, 1, account, connectedAt),
                fixtures.connectedSnapshot(organizationId, 3, replacement, Instant.now()));
        fixtures.awaitProjected(organizationId, 3);

        List<StoredRun> runs = fixtures.awaitFinishedRuns(organizationId, 2);
        assertThat(runs).extracting(StoredRun::trigger).containsOnly("CREDENTIALS_CONNECTED");
        assertThat(runs.get(1).totalListings()).isEqualTo(4);
        assertThat(runs.get(1).activeListings()).isEqualTo(3);
        assertThat(stored(organizationId).getString("account_id")).isEqualTo(replacement.id());

        // deletion: the organization is no longer synced and its ciphertext is dropped
        fixtures.project(organizationId, 4, fixtures.snapshot(organizationId, 4, true, "CONNECTED", replacement.id(),
                reEncrypted, connectedAt));
        Row deleted = stored(organizationId);
        assertThat(deleted.getBoolean("deleted")).isTrue();
        assertThat(deleted.getString("encrypted_credentials")).isNull();
        assertThat(fixtures.runs(organizationId)).hasSize(2);
    }

    private Row stored(UUID organizationId) {
        return fixtures.rows("SELECT * FROM sync.organizations WHERE organization_id = $1", Tuple.of(organizationId))
                .get(0);
    }
}
