package com.hostmcp.sync;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.testsupport.crypto.TestKeysets;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the tests do from outside the service: publish organization snapshots and Sync Now requests the way
 * tenant-service and dashboard-api do (contract-valid CloudEvents on the real broker), give organizations fresh
 * Hostaway stand-in accounts, and read back the runs and the outbox rows the service wrote.
 */
public final class SyncFixtures implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(60);
    public static final String ORGANIZATIONS_TOPIC = "tenant.organizations.v1";
    public static final String REQUESTS_TOPIC = "sync.requests.v1";
    public static final String COUNT_SYNCED = "com.hostmcp.sync.ListingCountSynced.v1";
    public static final String CREDENTIALS_REJECTED = "com.hostmcp.hostaway.HostawayCredentialsRejected.v1";

    // stand-in accounts added by this JVM's tests; seeded accounts are 10001-10003
    private static final AtomicLong NEXT_ACCOUNT = new AtomicLong(40_000);

    private final Pool pool;
    private final ObjectMapper mapper;
    private final KafkaCompanion kafka;
    private final CredentialCipher cipher = new CredentialCipher(TestKeysets.testOnlyKeyset());

    public SyncFixtures(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
        this.kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
    }

    public KafkaCompanion kafka() {
        return kafka;
    }

    /** A Hostaway account as an organization stores it. */
    public record Account(String id, String secret) {
    }

    /** A new stand-in account with {@code listings} listings, the last {@code archived} of them archived. */
    public static Account newAccount(int listings, int archived) {
        long id = NEXT_ACCOUNT.incrementAndGet();
        String secret = "test-secret-" + id + "-" + UUID.randomUUID();
        HostawayStandInResource.standIn().addAccount(id, secret, listings, archived);
        return new Account(Long.toString(id), secret);
    }

    /** The snapshot tenant-service publishes for an organization with these credentials. */
    public String connectedSnapshot(UUID organizationId, long version, Account account, Instant connectedAt) {
        return snapshot(organizationId, version, false, "CONNECTED", account.id(),
                Base64.getEncoder().encodeToString(cipher.encrypt(organizationId, account.secret())), connectedAt);
    }

    public String snapshot(UUID organizationId, long version, boolean deleted, String status, String accountId,
            String encryptedCredentials, Instant connectedAt) {
        ObjectNode hostaway = mapper.createObjectNode().put("status", status).put("accountId", accountId)
                .put("encryptedCredentials", encryptedCredentials);
        hostaway.putNull("invalidReason");
        hostaway.putNull("invalidSince");
        hostaway.put("connectedAt", connectedAt == null ? null : connectedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = mapper.createObjectNode().put("organizationId", organizationId.toString())
                .put("name", "Org " + organizationId.toString().substring(0, 8)).put("version", version)
                .put("deleted", deleted);
        data.set("hostaway", hostaway);
        data.put("updatedAt", now());
        return event("com.hostmcp.tenant.OrganizationUpdated.v1", "/tenant-service", organizationId, data);
    }

    /** Publishes a snapshot and waits until the projection holds that version. */
    public void project(UUID organizationId, long version, String snapshot) {
        send(ORGANIZATIONS_TOPIC, organizationId, snapshot);
        awaitProjected(organizationId, version);
    }

    /** An organization connected to a new account long ago (no connect trigger): only schedule or Sync Now sync it. */
    public UUID longConnectedOrganization(Account account) {
        UUID organizationId = UUID.randomUUID();
        project(organizationId, 1, connectedSnapshot(organizationId, 1, account, Instant.now().minus(3, ChronoUnit.DAYS)));
        return organizationId;
    }

    public void awaitProjected(UUID organizationId, long version) {
        await().atMost(WAIT).until(() -> {
            List<Row> rows = rows("SELECT version FROM sync.organizations WHERE organization_id = $1",
                    Tuple.of(organizationId));
            return !rows.isEmpty() && rows.get(0).getLong("version") == version;
        });
    }

    public String syncRequested(UUID organizationId, UUID requestId) {
        ObjectNode data = mapper.createObjectNode().put("organizationId", organizationId.toString())
                .put("requestId", requestId.toString()).put("requestedBy", "user-" + organizationId)
                .put("requestedAt", now());
        return event("com.hostmcp.sync.SyncRequested.v1", "/dashboard-api", organizationId, data);
    }

    /** Publishes records for the organization's key in one batch, in order. */
    public void send(String topic, UUID organizationId, String... values) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String value : values) {
            records.add(new ProducerRecord<>(topic, organizationId.toString(), value));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    /** A run as stored, read with SQL (not through the service's own repository). */
    public record StoredRun(UUID runId, String trigger, String status, String outcome, String reason,
            Integer activeListings, Integer totalListings, Long durationMs, String plannedBy) {
    }

    public List<StoredRun> runs(UUID organizationId) {
        return rows("SELECT run_id, trigger, status, outcome, reason, active_listings, total_listings, duration_ms,"
                + " planned_by FROM sync.sync_runs WHERE organization_id = $1 ORDER BY requested_at, run_id",
                Tuple.of(organizationId)).stream()
                .map(row -> new StoredRun(row.getUUID("run_id"), row.getString("trigger"), row.getString("status"),
                        row.getString("outcome"), row.getString("reason"), row.getInteger("active_listings"),
                        row.getInteger("total_listings"), row.getLong("duration_ms"), row.getString("planned_by")))
                .toList();
    }

    /** Waits until the organization has {@code count} runs, all finished, and returns them. */
    public List<StoredRun> awaitFinishedRuns(UUID organizationId, int count) {
        await().atMost(WAIT).until(() -> {
            List<StoredRun> runs = runs(organizationId);
            return runs.size() == count && runs.stream().allMatch(run -> "FINISHED".equals(run.status()));
        });
        return runs(organizationId);
    }

    /** The run that serves a request, once the request has been recorded. */
    public UUID awaitRunOfRequest(UUID requestId) {
        await().atMost(WAIT).until(() -> !rows("SELECT run_id FROM sync.sync_requests WHERE request_id = $1",
                Tuple.of(requestId)).isEmpty());
        return rows("SELECT run_id FROM sync.sync_requests WHERE request_id = $1", Tuple.of(requestId)).get(0)
                .getUUID("run_id");
    }

    /** The events of {@code type} the service wrote for the organization, oldest first (whole CloudEvents). */
    public List<JsonNode> outbox(UUID organizationId, String type) {
        return rows("SELECT payload FROM sync.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY id",
                Tuple.of(organizationId.toString(), type)).stream().map(row -> parse(row.getString("payload")))
                .toList();
    }

    public List<Row> rows(String sql, Tuple arguments) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(arguments).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }

    private String event(String type, String source, UUID organizationId, ObjectNode data) {
        ObjectNode event = mapper.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("type", type).put("source", source).put("subject", organizationId.toString()).put("time", now())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        String json = event.toString();
        EventContracts.assertValid(json);
        return json;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
