package com.hostmcp.audit.service;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.repository.AuditTransactions;
import com.hostmcp.audit.repository.PartitionRepository;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Which months have a partition, remembered so that a batch asks the database only for a month it has not seen: an
 * event of a month without a partition (a replay from before start-up, a gateway clock a day ahead at a month's end)
 * gets its partition before the batch is written, instead of failing the insert.
 */
@ApplicationScoped
public class PartitionCatalog {

    private final AuditTransactions transactions;
    private final PartitionRepository partitions;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public PartitionCatalog(AuditTransactions transactions, PartitionRepository partitions) {
        this.transactions = transactions;
        this.partitions = partitions;
    }

    /** Creates the partitions of these months that are not known to exist. */
    public Uni<Void> ensure(Collection<YearMonth> months) {
        List<YearMonth> missing = months.stream().filter(month -> !known.contains(month)).distinct().sorted().toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(month -> transactions
                        .asService(tx -> partitions.ensure(tx, month)).invoke(() -> known.add(month)))
                .collect().last().replaceWithVoid();
    }

    /** What the database has now (after maintenance created and dropped partitions). */
    void reset(Collection<YearMonth> existing) {
        known.retainAll(existing);
        known.addAll(existing);
    }
}
