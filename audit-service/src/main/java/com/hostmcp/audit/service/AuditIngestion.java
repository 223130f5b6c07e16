package com.hostmcp.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.hostmcp.audit.AuditEntry;
import com.hostmcp.audit.EntryKind;
import com.hostmcp.audit.ListingCount;
import com.hostmcp.audit.config.AuditConfig;
import com.hostmcp.audit.messaging.AuditRecords;
import com.hostmcp.audit.messaging.DeadLetters;
import com.hostmcp.audit.messaging.DeadLetters.DeadLetter;
import com.hostmcp.audit.repository.AuditLogRepository;
import com.hostmcp.audit.repository.AuditLogRepository.EntryKey;
import com.hostmcp.audit.repository.AuditTransactions;
import com.hostmcp.audit.repository.UsageRepository;
import com.hostmcp.audit.service.IngestMetrics.Result;
import com.hostmcp.platform.messaging.MalformedEventException;

import io.smallrye.mutiny.Uni;

/**
 * Stores a consumed batch: every record read, the batch's entries written in one transaction (one multi-row insert
 * that also updates the rollups of what it inserted, then the completion of tool calls first seen from their metering
 * record, then listing counts), and only after the commit the unreadable records to their dead-letter topic. A batch
 * that fails is retried whole by the consumer; writing it again inserts and counts nothing twice.
 */
@ApplicationScoped
public class AuditIngestion {

    private static final Logger LOG = Logger.getLogger(AuditIngestion.class);
    private static final Comparator<AuditEntry> KEY_ORDER = Comparator.comparing(AuditEntry::entryId)
            .thenComparing(AuditEntry::occurredAt);

    private final AuditRecords reader;
    private final AuditTransactions transactions;
    private final AuditLogRepository auditLog;
    private final UsageRepository usage;
    private final PartitionCatalog partitions;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final AuditConfig config;

    public AuditIngestion(AuditRecords reader, AuditTransactions transactions, AuditLogRepository auditLog,
            UsageRepository usage, PartitionCatalog partitions, DeadLetters deadLetters, IngestMetrics metrics,
            AuditConfig config) {
        this.reader = reader;
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.usage = usage;
        this.partitions = partitions;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
    }

    public Uni<Void> ingest(String channel, Iterable<ConsumerRecord<String, String>> records) {
        long started = System.nanoTime();
        Batch batch = read(records, YearMonth.now(ZoneOffset.UTC));
        return partitions.ensure(batch.months())
                .chain(() -> transactions.asService(tx -> auditLog.insertNew(tx, batch.entries())
                        .flatMap(inserted -> {
                            List<AuditEntry> toComplete = batch.entries().stream()
                                    .filter(e -> e.kind() == EntryKind.TOOL_CALL && e.complete()
                                            && !inserted.contains(EntryKey.of(e)))
                                    .toList();
                            return auditLog.completeDetails(tx, toComplete)
                                    .call(() -> usage.upsertListingCounts(tx, batch.listingCounts()))
                                    .map(completed -> new Written(inserted, completed));
                        })))
                .call(() -> deadLetters.send(batch.deadLetters()))
                .invoke(written -> record(channel, batch, written, started))
                .onFailure().invoke(failure -> LOG.warnf("A batch of %d records from %s failed (%s); it is retried",
                        batch.records(), channel, failure.toString()))
                .replaceWithVoid();
    }

    private void record(String channel, Batch batch, Written written, long started) {
        Instant now = Instant.now();
        metrics.batch(channel, batch.records(), Duration.ofNanos(System.nanoTime() - started));
        metrics.records(channel, Result.STORED, written.inserted().size());
        metrics.records(channel, Result.COMPLETED, written.completed());
        metrics.records(channel, Result.DUPLICATE, batch.records() - batch.deadLetters().size() - batch.expired()
                - written.inserted().size() - written.completed());
        metrics.records(channel, Result.DEAD_LETTER, batch.deadLetters().size());
        metrics.records(channel, Result.EXPIRED, batch.expired());
        // the batch's oldest new entry: how far ingestion is behind the events (one sample per batch is enough)
        written.inserted().stream().map(EntryKey::occurredAt).min(Instant::compareTo)
                .ifPresent(oldest -> metrics.delay(channel, Duration.between(oldest, now)));
    }

    private Batch read(Iterable<ConsumerRecord<String, String>> records, YearMonth current) {
        YearMonth oldestKept = current.minusMonths(config.retention().months());
        YearMonth newestAllowed = current.plusMonths(config.partitions().monthsAhead());
        Map<EntryKey, AuditEntry> entries = new LinkedHashMap<>();
        Map<UUID, ListingCount> listingCounts = new HashMap<>();
        List<DeadLetter> dead = new ArrayList<>();
        Set<YearMonth> months = new TreeSet<>();
        int count = 0;
        int expired = 0;
        for (ConsumerRecord<String, String> record : records) {
            count++;
            AuditRecords.Read read;
            try {
                read = reader.read(record);
            } catch (MalformedEventException e) {
                LOG.warnf("Record %s-%d@%d cannot be stored (%s); it goes to the dead-letter topic", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                dead.add(new DeadLetter(record, e.getMessage()));
                continue;
            }
            AuditEntry entry = read.entry();
            YearMonth month = YearMonth.from(entry.occurredAt().atZone(ZoneOffset.UTC));
            if (month.isBefore(oldestKept)) {
                expired++;
                continue;
            }
            if (month.isAfter(newestAllowed)) {
                dead.add(new DeadLetter(record, "time " + entry.occurredAt() + " is more than "
                        + config.partitions().monthsAhead() + " months ahead"));
                continue;
            }
            months.add(month);
            // one row per key: a complete record (ToolInvoked) wins over a metering one of the same call
            entries.merge(EntryKey.of(entry), entry, (kept, next) -> !kept.complete() && next.complete() ? next : kept);
            if (read.listingCount() != null) {
                listingCounts.merge(read.listingCount().organizationId(), read.listingCount(),
                        (a, b) -> a.syncedAt().isAfter(b.syncedAt()) ? a : b);
            }
        }
        if (expired > 0) {
            LOG.infof("%d records are older than the retention of %d months and are not stored", expired,
                    config.retention().months());
        }
        // concurrent batches (tool calls and usage) lock the same keys in the same order: no deadlock between them
        List<AuditEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(KEY_ORDER);
        return new Batch(count, sorted, List.copyOf(listingCounts.values()), dead, months, expired);
    }

    private record Batch(int records, List<AuditEntry> entries, List<ListingCount> listingCounts,
            List<DeadLetter> deadLetters, Set<YearMonth> months, int expired) {
    }

    private record Written(Set<EntryKey> inserted, int completed) {
    }
}
