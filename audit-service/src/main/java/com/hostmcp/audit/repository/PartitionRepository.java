package com.hostmcp.audit.repository;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The monthly partitions of {@code audit.audit_log} ({@code audit_log_pYYYY_MM}, one per UTC month). */
@ApplicationScoped
public class PartitionRepository {

    private static final Pattern NAME = Pattern.compile("audit_log_p(\\d{4})_(\\d{2})");
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");

    /** Creates the month's partition unless it exists (safe against concurrent replicas). */
    public Uni<Void> ensure(SqlConnection tx, YearMonth month) {
        return tx.preparedQuery("SELECT audit.ensure_audit_log_partition($1)")
                .execute(Tuple.of(month.atDay(1))).replaceWithVoid();
    }

    /** The months that have a partition, oldest first. */
    public Uni<List<YearMonth>> months(SqlConnection tx) {
        return tx.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'audit.audit_log'::regclass ORDER BY c.relname").execute().map(rows -> {
                    List<YearMonth> months = new ArrayList<>();
                    for (Row row : rows) {
                        Matcher name = NAME.matcher(row.getString(0));
                        if (name.matches()) {
                            months.add(YearMonth.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2))));
                        }
                    }
                    return months;
                });
    }

    /** Drops a month's partition with its rows, and the daily rollups of that month. */
    public Uni<Void> drop(SqlConnection tx, YearMonth month) {
        // the name comes from a YearMonth, never from input: safe to put into the statement
        return tx.query("DROP TABLE IF EXISTS audit.audit_log_p" + month.format(SUFFIX)).execute()
                .chain(() -> tx.preparedQuery("DELETE FROM audit.usage_daily WHERE day >= $1 AND day < $2")
                        .execute(Tuple.of(month.atDay(1), month.plusMonths(1).atDay(1))))
                .replaceWithVoid();
    }

    /** Deletes rollups of days before {@code day} whose partition no longer exists (e.g. dropped before a restart). */
    public Uni<Integer> deleteRollupsBefore(SqlConnection tx, LocalDate day) {
        return tx.preparedQuery("DELETE FROM audit.usage_daily WHERE day < $1").execute(Tuple.of(day))
                .map(rows -> rows.rowCount());
    }
}
