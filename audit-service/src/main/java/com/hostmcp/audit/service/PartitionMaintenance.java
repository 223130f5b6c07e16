package com.hostmcp.audit.service;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.hostmcp.audit.config.AuditConfig;
import com.hostmcp.audit.repository.AuditTransactions;
import com.hostmcp.audit.repository.PartitionRepository;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the monthly partitions: the current month's and the next {@code months-ahead} exist (at start-up, before the
 * consumers write, and daily), and partitions more than {@code retention.months} months before the current month are
 * dropped together with their daily rollups. Months are UTC.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final AuditTransactions transactions;
    private final PartitionRepository partitions;
    private final PartitionCatalog catalog;
    private final AuditConfig config;

    public PartitionMaintenance(AuditTransactions transactions, PartitionRepository partitions,
            PartitionCatalog catalog, AuditConfig config) {
        this.transactions = transactions;
        this.partitions = partitions;
        this.catalog = catalog;
        this.config = config;
    }

    /** What one run did. */
    public record Outcome(List<YearMonth> created, List<YearMonth> dropped, List<YearMonth> existing) {
    }

    void onStart(@Observes StartupEvent startup) {
        Outcome outcome = maintain(YearMonth.now(ZoneOffset.UTC)).await().atMost(Duration.ofMinutes(1));
        LOG.infof("Audit log partitions: %s (created %s, dropped %s)", outcome.existing(), outcome.created(),
                outcome.dropped());
    }

    @Scheduled(cron = "${hostmcp.audit.maintenance.cron}", timeZone = "UTC", identity = "audit-partitions", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> daily() {
        return maintain(YearMonth.now(ZoneOffset.UTC))
                .invoke(outcome -> LOG.infof("Audit log partitions maintained: created %s, dropped %s",
                        outcome.created(), outcome.dropped()))
                .replaceWithVoid();
    }

    /** Creates the partitions due and drops the expired ones, as of {@code current}. */
    public Uni<Outcome> maintain(YearMonth current) {
        YearMonth oldestKept = current.minusMonths(config.retention().months());
        List<YearMonth> due = new ArrayList<>();
        for (int i = 0; i <= config.partitions().monthsAhead(); i++) {
            due.add(current.plusMonths(i));
        }
        return transactions.asService(tx -> partitions.months(tx).flatMap(before -> {
            List<YearMonth> created = due.stream().filter(month -> !before.contains(month)).toList();
            List<YearMonth> expired = before.stream().filter(month -> month.isBefore(oldestKept)).toList();
            return Multi.createFrom().iterable(created).onItem()
                    .transformToUniAndConcatenate(month -> partitions.ensure(tx, month)).collect().last()
                    .chain(() -> Multi.createFrom().iterable(expired).onItem()
                            .transformToUniAndConcatenate(month -> partitions.drop(tx, month)).collect().last())
                    .chain(() -> partitions.deleteRollupsBefore(tx, oldestKept.atDay(1)))
                    .chain(() -> partitions.months(tx))
                    .map(after -> new Outcome(created, expired, after));
        })).invoke(outcome -> catalog.reset(outcome.existing()));
    }
}
