package com.hostmcp.sync.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.sync.ListingCount;
import com.hostmcp.sync.SyncOutcome;
import com.hostmcp.sync.SyncRun;
import com.hostmcp.sync.SyncTrigger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sync runs ({@code sync.sync_runs}) and the Sync Now requests they served ({@code sync.sync_requests}). The table is
 * also the work queue: at most one PENDING and one RUNNING run per organization (unique partial indexes), claimed by
 * workers with {@code FOR UPDATE SKIP LOCKED} and a lease.
 */
@ApplicationScoped
public class SyncRunRepository {

    private static final String RUN_COLUMNS = "r.run_id, r.organization_id, r.trigger, r.status, r.requested_at,"
            + " r.started_at, r.finished_at, r.account_id, r.outcome, r.reason, r.active_listings, r.total_listings,"
            + " r.duration_ms";
    private static final String SELECT_RUNS = "SELECT " + RUN_COLUMNS + ", COALESCE(array_agg(q.request_id"
            + " ORDER BY q.received_at, q.request_id) FILTER (WHERE q.request_id IS NOT NULL), '{}') AS request_ids"
            + " FROM sync.sync_runs r LEFT JOIN sync.sync_requests q ON q.run_id = r.run_id ";

    /** A run a worker has claimed: it is RUNNING under this worker's lease. */
    public record ClaimedRun(UUID runId, UUID organizationId, SyncTrigger trigger, String workerId) {
    }

    /** A run that has not finished, and whether it is still queued. */
    public record OpenRun(UUID runId, boolean pending) {
    }

    private final Pool pool;

    public SyncRunRepository(Pool pool) {
        this.pool = pool;
    }

    /** The organization's queued run if there is one, else its running one. */
    public Uni<Optional<OpenRun>> openRun(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT run_id, status FROM sync.sync_runs WHERE organization_id = $1"
                + " AND status IN ('PENDING', 'RUNNING') ORDER BY status = 'PENDING' DESC LIMIT 1")
                .execute(Tuple.of(organizationId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(new OpenRun(rows.iterator().next().getUUID("run_id"),
                                "PENDING".equals(rows.iterator().next().getString("status")))));
    }

    /**
     * Queues a run unless the organization already has a queued one. Returns the new run's id, or empty when another
     * queued run exists (the caller joins that one).
     */
    public Uni<Optional<UUID>> enqueue(SqlConnection tx, UUID organizationId, SyncTrigger trigger, Duration delay,
            String plannedBy) {
        UUID runId = UUID.randomUUID();
        return tx.preparedQuery("INSERT INTO sync.sync_runs (run_id, organization_id, trigger, status, priority, not_before,"
                + " planned_by) VALUES ($1, $2, $3, 'PENDING', $4, now() + make_interval(secs => $5), $6)"
                + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(runId, organizationId, trigger.name(), (short) trigger.priority(),
                        delay.toMillis() / 1000.0, plannedBy))
                .map(rows -> rows.rowCount() == 1 ? Optional.of(runId) : Optional.empty());
    }

    /** A queued run joined by someone who is waiting (Sync Now, new credentials) moves to the front of the queue. */
    public Uni<Void> prioritize(SqlConnection tx, UUID runId) {
        return tx.preparedQuery("UPDATE sync.sync_runs SET priority = 0 WHERE run_id = $1 AND status = 'PENDING'")
                .execute(Tuple.of(runId)).replaceWithVoid();
    }

    /** Queues SCHEDULED runs for organizations that have no open run (those are synced by it). Returns how many. */
    public Uni<Integer> enqueueScheduled(SqlConnection tx, List<UUID> organizationIds, String plannedBy) {
        if (organizationIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery("INSERT INTO sync.sync_runs (run_id, organization_id, trigger, status, priority, planned_by)"
                + " SELECT gen_random_uuid(), id, 'SCHEDULED', 'PENDING', 1, $2 FROM unnest($1::uuid[]) AS id"
                + " WHERE NOT EXISTS (SELECT 1 FROM sync.sync_runs o WHERE o.organization_id = id"
                + " AND o.status IN ('PENDING', 'RUNNING')) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(organizationIds.toArray(new UUID[0]), plannedBy))
                .map(RowSet::rowCount);
    }

    /**
     * Claims the next due run, if any: most urgent first, never one of an organization that has a run RUNNING. The run
     * becomes RUNNING under {@code workerId} until {@code lease} has passed.
     */
    public Uni<Optional<ClaimedRun>> claimNext(String workerId, Duration lease) {
        return pool.preparedQuery("UPDATE sync.sync_runs SET status = 'RUNNING', claimed_by = $1,"
                + " claimed_until = now() + make_interval(secs => $2), started_at = now()"
                + " WHERE status = 'PENDING' AND run_id = (SELECT p.run_id FROM sync.sync_runs p"
                + " WHERE p.status = 'PENDING' AND p.not_before <= now() AND NOT EXISTS (SELECT 1 FROM sync.sync_runs r"
                + " WHERE r.organization_id = p.organization_id AND r.status = 'RUNNING')"
                + " ORDER BY p.priority, p.not_before LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING run_id, organization_id, trigger")
                .execute(Tuple.of(workerId, (double) lease.toSeconds()))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(claimed(rows.iterator().next(), workerId)));
    }

    /**
     * Finishes a run this worker still holds. Returns the finish time, or empty when the run is no longer this
     * worker's (its lease ran out and it was recorded as abandoned): then nothing may be published for it.
     */
    public Uni<Optional<Instant>> finish(SqlConnection tx, ClaimedRun run, SyncOutcome outcome, String reason,
            ListingCount count, String accountId, long durationMs) {
        return tx.preparedQuery("UPDATE sync.sync_runs SET status = 'FINISHED', finished_at = now(), outcome = $3,"
                + " reason = $4, active_listings = $5, total_listings = $6, account_id = $7, duration_ms = $8,"
                + " claimed_until = NULL WHERE run_id = $1 AND status = 'RUNNING' AND claimed_by = $2"
                + " RETURNING finished_at")
                .execute(Tuple.from(Arrays.asList(run.runId(), run.workerId(), outcome.name(), reason,
                        count == null ? null : count.active(), count == null ? null : count.total(), accountId,
                        durationMs)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime("finished_at").toInstant()));
    }

    /** Records runs whose worker did not finish within the lease (it crashed or was stopped) as FAILED. */
    public Uni<Integer> abandonExpired() {
        return pool.query("UPDATE sync.sync_runs SET status = 'FINISHED', outcome = 'FAILED', finished_at = now(),"
                + " reason = 'abandoned: the worker ' || claimed_by || ' did not finish within its lease',"
                + " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint, claimed_until = NULL"
                + " WHERE status = 'RUNNING' AND claimed_until < now()")
                .execute().map(RowSet::rowCount);
    }

    public Uni<Boolean> requestKnown(SqlConnection tx, UUID requestId) {
        return tx.preparedQuery("SELECT 1 FROM sync.sync_requests WHERE request_id = $1").execute(Tuple.of(requestId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> recordRequest(SqlConnection tx, UUID requestId, UUID runId, UUID organizationId,
            String requestedBy, Instant requestedAt) {
        return tx.preparedQuery("INSERT INTO sync.sync_requests (request_id, run_id, organization_id, requested_by,"
                + " requested_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(requestId, runId, organizationId, requestedBy, requestedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<SyncRun>> find(SqlClient client, UUID organizationId, UUID runId) {
        return client.preparedQuery(SELECT_RUNS + "WHERE r.organization_id = $1 AND r.run_id = $2 GROUP BY r.run_id")
                .execute(Tuple.of(organizationId, runId)).map(SyncRunRepository::first);
    }

    public Uni<Optional<SyncRun>> findByRequest(SqlClient client, UUID organizationId, UUID requestId) {
        return client.preparedQuery(SELECT_RUNS + "WHERE r.organization_id = $1 AND r.run_id = (SELECT run_id"
                + " FROM sync.sync_requests WHERE request_id = $2) GROUP BY r.run_id")
                .execute(Tuple.of(organizationId, requestId)).map(SyncRunRepository::first);
    }

    /** The organization's runs, newest first. */
    public Uni<List<SyncRun>> history(SqlClient client, UUID organizationId, int limit) {
        return client.preparedQuery(SELECT_RUNS + "WHERE r.organization_id = $1 GROUP BY r.run_id"
                + " ORDER BY r.requested_at DESC, r.run_id LIMIT $2")
                .execute(Tuple.of(organizationId, limit))
                .map(rows -> {
                    List<SyncRun> runs = new ArrayList<>(rows.size());
                    rows.forEach(row -> runs.add(map(row)));
                    return runs;
                });
    }

    private static ClaimedRun claimed(Row row, String workerId) {
        return new ClaimedRun(row.getUUID("run_id"), row.getUUID("organization_id"),
                SyncTrigger.valueOf(row.getString("trigger")), workerId);
    }

    private static Optional<SyncRun> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next()));
    }

    private static SyncRun map(Row row) {
        String outcome = row.getString("outcome");
        UUID[] requestIds = row.getArrayOfUUIDs("request_ids");
        return new SyncRun(row.getUUID("run_id"), row.getUUID("organization_id"),
                SyncTrigger.valueOf(row.getString("trigger")), SyncRun.Status.valueOf(row.getString("status")),
                instant(row.getOffsetDateTime("requested_at")), instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("finished_at")), row.getString("account_id"),
                outcome == null ? null : SyncOutcome.valueOf(outcome), row.getString("reason"),
                row.getInteger("active_listings"), row.getInteger("total_listings"), row.getLong("duration_ms"),
                requestIds == null ? List.of() : Arrays.asList(requestIds));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
