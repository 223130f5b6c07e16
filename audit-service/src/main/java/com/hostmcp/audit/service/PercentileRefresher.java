package com.hostmcp.audit.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.config.AuditConfig;
import com.hostmcp.audit.repository.AuditTransactions;
import com.hostmcp.audit.repository.UsageRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Recomputes the p50/p95 latency of daily rollups that received calls since their last computation, from the raw log
 * with {@code percentile_cont}: exact, and off the ingestion path (a batch only marks its rollups stale).
 */
@ApplicationScoped
public class PercentileRefresher {

    private final AuditTransactions transactions;
    private final UsageRepository usage;
    private final AuditConfig config;

    public PercentileRefresher(AuditTransactions transactions, UsageRepository usage, AuditConfig config) {
        this.transactions = transactions;
        this.usage = usage;
        this.config = config;
    }

    @Scheduled(every = "${hostmcp.audit.rollups.percentile-refresh-every}", delayed = "5s", identity = "audit-percentiles", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return refresh().replaceWithVoid();
    }

    /** One round: up to {@code percentile-batch} stale rollups; returns how many were recomputed. */
    public Uni<Integer> refresh() {
        return transactions.asService(tx -> usage.refreshPercentiles(tx, config.rollups().percentileBatch()));
    }
}
