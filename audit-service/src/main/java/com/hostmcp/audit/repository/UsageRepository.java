package com.hostmcp.audit.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.DailyUsage;
import com.hostmcp.audit.ListingCount;
import com.hostmcp.audit.UsageCounts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Usage rollups (maintained by {@link AuditLogRepository#insertNew}) and listing counts. */
@ApplicationScoped
public class UsageRepository {

    /** The p50/p95 of one rollup's calls from the raw log; the day's bounds are UTC. */
    private static final String PERCENTILES = "(SELECT percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP"
            + " (ORDER BY a.latency_ms) FROM audit.audit_log a WHERE a.organization_id = s.organization_id"
            + " AND a.kind = 'TOOL_CALL' AND a.occurred_at >= (s.day::timestamp AT TIME ZONE 'UTC')"
            + " AND a.occurred_at < ((s.day + 1)::timestamp AT TIME ZONE 'UTC')";

    /**
     * Recomputes the percentiles of stale rollups, newest days first. The rows are locked for the statement and a
     * concurrent batch waits, or it comes after this statement's snapshot and marks the row stale again: either way the
     * percentiles end up computed over every counted call.
     */
    private static final String REFRESH = "WITH stale AS (SELECT organization_id, day, tool FROM audit.usage_daily"
            + " WHERE latency_stale ORDER BY day DESC LIMIT $1 FOR UPDATE SKIP LOCKED),"
            + " computed AS (SELECT s.organization_id, s.day, s.tool, CASE WHEN s.tool = '*' THEN " + PERCENTILES + ")"
            + " ELSE " + PERCENTILES + " AND a.action = s.tool) END AS p FROM stale s)"
            + " UPDATE audit.usage_daily u SET p50_ms = c.p[1], p95_ms = c.p[2], latency_stale = false FROM computed c"
            + " WHERE u.organization_id = c.organization_id AND u.day = c.day AND u.tool = c.tool";

    /** Keeps each organization's latest count; an older sync run arriving late changes nothing. */
    public Uni<Void> upsertListingCounts(SqlConnection tx, List<ListingCount> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = counts.size();
        UUID[] organizations = new UUID[n];
        Integer[] active = new Integer[n];
        Integer[] total = new Integer[n];
        UUID[] runs = new UUID[n];
        OffsetDateTime[] syncedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ListingCount count = counts.get(i);
            organizations[i] = count.organizationId();
            active[i] = count.activeListings();
            total[i] = count.totalListings();
            runs[i] = count.runId();
            syncedAt[i] = count.syncedAt().atOffset(ZoneOffset.UTC);
        }
        return tx.preparedQuery("INSERT INTO audit.listing_counts AS l (organization_id, active_listings,"
                + " total_listings, run_id, synced_at) SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[],"
                + " $4::uuid[], $5::timestamptz[]) ORDER BY 1 ON CONFLICT (organization_id) DO UPDATE SET"
                + " active_listings = EXCLUDED.active_listings, total_listings = EXCLUDED.total_listings,"
                + " run_id = EXCLUDED.run_id, synced_at = EXCLUDED.synced_at WHERE l.synced_at < EXCLUDED.synced_at")
                .execute(Tuple.of(organizations, active, total, runs, syncedAt)).replaceWithVoid();
    }

    /** Recomputes up to {@code limit} stale rollups' percentiles; returns how many. */
    public Uni<Integer> refreshPercentiles(SqlConnection tx, int limit) {
        return tx.preparedQuery(REFRESH).execute(Tuple.of(limit)).map(rows -> rows.rowCount());
    }

    /** Per tool and over all tools ({@link UsageCounts#ALL_TOOLS}) for the days {@code from} to {@code to} inclusive. */
    public Uni<List<UsageCounts>> totals(SqlConnection tx, UUID organizationId, LocalDate from, LocalDate to) {
        return tx.preparedQuery("SELECT tool, sum(requests), sum(errors), sum(refused), sum(latency_sum_ms)"
                + " FROM audit.usage_daily WHERE organization_id = $1 AND day >= $2 AND day <= $3"
                + " GROUP BY tool ORDER BY sum(requests) DESC, tool")
                .execute(Tuple.of(organizationId, from, to)).map(rows -> {
                    List<UsageCounts> totals = new ArrayList<>();
                    for (Row row : rows) {
                        totals.add(new UsageCounts(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3),
                                row.getLong(4)));
                    }
                    return totals;
                });
    }

    /** Every day from {@code from} to {@code to} inclusive, oldest first, days without calls as zeros. */
    public Uni<List<DailyUsage>> daily(SqlConnection tx, UUID organizationId, LocalDate from, LocalDate to,
            String tool) {
        return tx.preparedQuery("SELECT d::date, coalesce(u.requests, 0), coalesce(u.errors, 0),"
                + " coalesce(u.refused, 0), u.p50_ms, u.p95_ms, coalesce(NOT u.latency_stale, true)"
                + " FROM generate_series($2::date, $3::date, interval '1 day') d LEFT JOIN audit.usage_daily u"
                + " ON u.organization_id = $1 AND u.day = d::date AND u.tool = $4 ORDER BY d")
                .execute(Tuple.of(organizationId, from, to, tool)).map(rows -> {
                    List<DailyUsage> days = new ArrayList<>();
                    for (Row row : rows) {
                        days.add(new DailyUsage(row.getLocalDate(0), row.getLong(1), row.getLong(2), row.getLong(3),
                                row.getDouble(4), row.getDouble(5), row.getBoolean(6)));
                    }
                    return days;
                });
    }

    public Uni<Optional<ListingCount>> listingCount(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT organization_id, active_listings, total_listings, run_id, synced_at"
                + " FROM audit.listing_counts WHERE organization_id = $1").execute(Tuple.of(organizationId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new ListingCount(row.getUUID(0), row.getInteger(1), row.getInteger(2),
                            row.getUUID(3), row.getOffsetDateTime(4).toInstant()));
                });
    }
}
