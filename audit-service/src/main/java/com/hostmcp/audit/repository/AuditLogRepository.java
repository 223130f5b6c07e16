package com.hostmcp.audit.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.AuditEntry;
import com.hostmcp.audit.AuditQuery;
import com.hostmcp.audit.EntryKind;
import com.hostmcp.audit.Outcome;
import com.hostmcp.audit.StoredEntry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit log: whole batches in one statement (arrays unnested into a multi-row insert), idempotent on the entry's
 * key, and the usage rollups of exactly the rows that statement inserted.
 */
@ApplicationScoped
public class AuditLogRepository {

    private static final String COLUMNS = "entry_id, occurred_at, organization_id, kind, action, actor_type, actor_id,"
            + " key_id, outcome, error_type, error_message, latency_ms, source, event_id, correlation_id, causation_id,"
            + " trace_id, mcp_session_id, details, complete";
    private static final String UNNEST = "unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[],"
            + " $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[],"
            + " $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::boolean[]) AS e("
            + COLUMNS + ")";

    /**
     * New rows, and in the same statement the daily rollups of the tool calls among them: per tool and over all tools
     * ('*'), in key order so that concurrent batches lock rollup rows in the same order. A row that exists already
     * (a redelivery) is neither stored nor counted again.
     */
    private static final String INSERT = "WITH inserted AS ("
            + " INSERT INTO audit.audit_log (" + COLUMNS + ")"
            + " SELECT e.entry_id, e.occurred_at, e.organization_id, e.kind, e.action, e.actor_type, e.actor_id,"
            + " e.key_id, e.outcome, e.error_type, e.error_message, e.latency_ms, e.source, e.event_id,"
            + " e.correlation_id, e.causation_id, e.trace_id, e.mcp_session_id, e.details::json, e.complete"
            + " FROM " + UNNEST
            + " ON CONFLICT (entry_id, occurred_at) DO NOTHING"
            + " RETURNING entry_id, occurred_at, organization_id, kind, action, outcome, latency_ms),"
            + " counted AS ("
            + " INSERT INTO audit.usage_daily AS u (organization_id, day, tool, requests, errors, refused, latency_sum_ms)"
            + " SELECT organization_id, (occurred_at AT TIME ZONE 'UTC')::date, coalesce(action, '*'), count(*),"
            + " count(*) FILTER (WHERE outcome = 'ERROR'), count(*) FILTER (WHERE outcome = 'REFUSED'),"
            + " coalesce(sum(latency_ms), 0)"
            + " FROM inserted WHERE kind = 'TOOL_CALL'"
            + " GROUP BY GROUPING SETS ((organization_id, (occurred_at AT TIME ZONE 'UTC')::date, action),"
            + " (organization_id, (occurred_at AT TIME ZONE 'UTC')::date))"
            + " ORDER BY 1, 2, 3"
            + " ON CONFLICT (organization_id, day, tool) DO UPDATE SET requests = u.requests + EXCLUDED.requests,"
            + " errors = u.errors + EXCLUDED.errors, refused = u.refused + EXCLUDED.refused,"
            + " latency_sum_ms = u.latency_sum_ms + EXCLUDED.latency_sum_ms, latency_stale = true)"
            + " SELECT entry_id, occurred_at FROM inserted";

    /**
     * A tool call first known from its metering record gets the details of its ToolInvoked. Counts do not change: the
     * call was counted when its row was inserted.
     */
    private static final String COMPLETE = "UPDATE audit.audit_log a SET actor_type = e.actor_type,"
            + " actor_id = e.actor_id, key_id = e.key_id, error_type = e.error_type, error_message = e.error_message,"
            + " event_id = e.event_id, correlation_id = e.correlation_id, causation_id = e.causation_id,"
            + " trace_id = e.trace_id, mcp_session_id = e.mcp_session_id, details = e.details::json, complete = true"
            + " FROM " + UNNEST
            + " WHERE a.entry_id = e.entry_id AND a.occurred_at = e.occurred_at AND NOT a.complete";

    /** The key of an entry in the log. */
    public record EntryKey(String entryId, Instant occurredAt) {

        public static EntryKey of(AuditEntry entry) {
            return new EntryKey(entry.entryId(), entry.occurredAt());
        }
    }

    /** Inserts the entries that are new (at most one per key in {@code entries}) and returns their keys. */
    public Uni<Set<EntryKey>> insertNew(SqlConnection tx, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery(INSERT).execute(arrays(entries)).map(rows -> {
            Set<EntryKey> inserted = new HashSet<>(rows.rowCount() * 2);
            for (Row row : rows) {
                inserted.add(new EntryKey(row.getString(0), row.getOffsetDateTime(1).toInstant()));
            }
            return inserted;
        });
    }

    /** Completes the rows of these (complete) tool call entries that were stored from a metering record only. */
    public Uni<Integer> completeDetails(SqlConnection tx, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery(COMPLETE).execute(arrays(entries)).map(rows -> rows.rowCount());
    }

    /** The entries as one array per column, in the order of {@link #COLUMNS}. */
    private static Tuple arrays(List<AuditEntry> entries) {
        int n = entries.size();
        String[] entryIds = new String[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        UUID[] organizationIds = new UUID[n];
        String[] kinds = new String[n];
        String[] actions = new String[n];
        String[] actorTypes = new String[n];
        String[] actorIds = new String[n];
        UUID[] keyIds = new UUID[n];
        String[] outcomes = new String[n];
        String[] errorTypes = new String[n];
        String[] errorMessages = new String[n];
        Integer[] latencies = new Integer[n];
        String[] sources = new String[n];
        String[] eventIds = new String[n];
        String[] correlationIds = new String[n];
        String[] causationIds = new String[n];
        String[] traceIds = new String[n];
        String[] sessionIds = new String[n];
        String[] details = new String[n];
        Boolean[] complete = new Boolean[n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = entries.get(i);
            entryIds[i] = e.entryId();
            occurredAt[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
            organizationIds[i] = e.organizationId();
            kinds[i] = e.kind().name();
            actions[i] = e.action();
            actorTypes[i] = e.actorType();
            actorIds[i] = e.actorId();
            keyIds[i] = e.keyId();
            outcomes[i] = e.outcome() == null ? null : e.outcome().name();
            errorTypes[i] = e.errorType();
            errorMessages[i] = e.errorMessage();
            latencies[i] = e.latencyMs();
            sources[i] = e.source();
            eventIds[i] = e.eventId();
            correlationIds[i] = e.correlationId();
            causationIds[i] = e.causationId();
            traceIds[i] = e.traceId();
            sessionIds[i] = e.mcpSessionId();
            details[i] = e.details();
            complete[i] = e.complete();
        }
        return Tuple.tuple(List.<Object> of(entryIds, occurredAt, organizationIds, kinds, actions, actorTypes,
                actorIds, keyIds, outcomes, errorTypes, errorMessages, latencies, sources, eventIds, correlationIds,
                causationIds, traceIds, sessionIds, details, complete));
    }

    /**
     * One page of an organization's entries, newest first, ordered by (occurred_at, entry_id) so that the position
     * of the previous page's last entry continues without gaps or repeats. Fetches {@code limit + 1} rows to tell
     * whether there is a next page. Run in the organization's transaction: row-level security applies as well.
     */
    public Uni<List<StoredEntry>> search(SqlConnection tx, AuditQuery query, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(", received_at")
                .append(" FROM audit.audit_log WHERE organization_id = $1");
        List<Object> arguments = new ArrayList<>();
        arguments.add(query.organizationId());
        if (query.from() != null) {
            arguments.add(query.from().atOffset(ZoneOffset.UTC));
            sql.append(" AND occurred_at >= $").append(arguments.size());
        }
        if (query.to() != null) {
            arguments.add(query.to().atOffset(ZoneOffset.UTC));
            sql.append(" AND occurred_at < $").append(arguments.size());
        }
        if (query.action() != null) {
            arguments.add(query.action());
            sql.append(" AND action = $").append(arguments.size());
        }
        if (query.outcome() != null) {
            arguments.add(query.outcome().name());
            sql.append(" AND outcome = $").append(arguments.size());
        }
        if (query.keyId() != null) {
            arguments.add(query.keyId());
            sql.append(" AND key_id = $").append(arguments.size());
        }
        if (query.kind() != null) {
            arguments.add(query.kind().name());
            sql.append(" AND kind = $").append(arguments.size());
        }
        if (query.after() != null) {
            arguments.add(query.after().occurredAt().atOffset(ZoneOffset.UTC));
            arguments.add(query.after().entryId());
            sql.append(" AND (occurred_at, entry_id) < ($").append(arguments.size() - 1).append(", $")
                    .append(arguments.size()).append(")");
        }
        arguments.add(fetch);
        sql.append(" ORDER BY occurred_at DESC, entry_id DESC LIMIT $").append(arguments.size());
        return tx.preparedQuery(sql.toString()).execute(Tuple.tuple(arguments)).map(rows -> {
            List<StoredEntry> page = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                page.add(new StoredEntry(entry(row), row.getOffsetDateTime("received_at").toInstant()));
            }
            return page;
        });
    }

    private static AuditEntry entry(Row row) {
        String outcome = row.getString("outcome");
        Object details = row.getValue("details");
        return new AuditEntry(row.getString("entry_id"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getUUID("organization_id"), EntryKind.valueOf(row.getString("kind")), row.getString("action"),
                row.getString("actor_type"), row.getString("actor_id"), row.getUUID("key_id"),
                outcome == null ? null : Outcome.valueOf(outcome), row.getString("error_type"),
                row.getString("error_message"), row.getInteger("latency_ms"), row.getString("source"),
                row.getString("event_id"), row.getString("correlation_id"), row.getString("causation_id"),
                row.getString("trace_id"), row.getString("mcp_session_id"),
                details == null ? null : details.toString(), row.getBoolean("complete"));
    }
}
