package com.hostmcp.benchmarks.usage;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.hostmcp.benchmarks.Benchmark;
import com.hostmcp.benchmarks.Report;
import com.hostmcp.benchmarks.Stack;

/**
 * audit-service's ingestion with the whole platform running: N ToolInvoked records (default 1,000,000,
 * {@code BENCH_AUDIT_RECORDS}) of one real organization, spread over the last 30 days, produced as the gateway does
 * (key = organization, lz4, acks=all, idempotent, traceparent header), measured from the first send to the moment the
 * last row is committed (the organization's rollup total, which commits with the rows, read over JDBC every 250 ms).
 * The same organization then serves the dashboard benchmark.
 */
public final class AuditIngestionBenchmark implements Benchmark {

    static final String TOPIC = "mcp.tool-invocations.v1";
    private static final String ID = "audit-ingestion";
    private static final Duration SPREAD = Duration.ofDays(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final UsageOrganization organization;
    private final int records;
    private final Duration within;

    public AuditIngestionBenchmark(UsageOrganization organization) {
        this(organization, Integer.parseInt(System.getenv().getOrDefault("BENCH_AUDIT_RECORDS", "1000000")),
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_AUDIT_WITHIN_SECONDS",
                        "200"))));
    }

    AuditIngestionBenchmark(UsageOrganization organization, int records, Duration within) {
        this.organization = organization;
        this.records = records;
        this.within = within;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return String.format("audit-service ingestion: %,d ToolInvoked records of one organization over 30 days",
                records);
    }

    @Override
    public void run(Stack stack, Report report) throws Exception {
        UUID org = organization.ensure(stack);
        ToolInvokedRecords source = new ToolInvokedRecords(org, organization.keyIds(), Instant.now(), SPREAD,
                new SecureRandom().nextLong());
        try (Connection db = stack.database()) {
            long before = counted(db, org);
            long rowsBefore = toolCalls(db, org);
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            long produced;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(stack),
                    new StringSerializer(), new StringSerializer())) {
                String key = org.toString();
                for (int i = 0; i < records; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, source.next());
                    record.headers().add("traceparent", source.traceparent().getBytes(StandardCharsets.US_ASCII));
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
                producer.flush();
                produced = System.nanoTime();
            }
            long counted = 0;
            long progress = start;
            while (counted < records && System.nanoTime() - start < within.toNanos()) {
                Thread.sleep(POLL.toMillis());
                counted = counted(db, org) - before;
                if (System.nanoTime() - progress > PROGRESS_EVERY.toNanos()) {
                    progress = System.nanoTime();
                    System.out.printf("  audit-ingestion: %,d committed after %.0f s%n", counted, (progress - start)
                            / 1e9);
                }
            }
            long finished = System.nanoTime();
            double endToEnd = (finished - start) / 1e9;
            double sending = (produced - start) / 1e9;
            long rows = toolCalls(db, org);

            report.row(ID, "records produced (one organization, 3 keys, 14 tools, 30 days)", String.format("%,d in"
                    + " %.1f s (%,.0f records/s into Kafka)", records, sending, records / sending));
            report.row(ID, "send errors", Long.toString(failed.get()), "0");
            if (counted >= records) {
                report.row(ID, "end to end (first send -> last row committed)", String.format("%,.0f records/s"
                        + " (%.1f s)", records / endToEnd, endToEnd));
            } else {
                report.row(ID, "end to end (first send -> last row committed)", String.format("not all in within"
                        + " %d s: %,d committed, %,.0f records/s", within.toSeconds(), counted, counted / endToEnd));
                report.note(ID, String.format("only %,d of %,d records were committed within the %d s budget"
                        + " (BENCH_AUDIT_WITHIN_SECONDS); the dashboard figures use that count", counted, records,
                        within.toSeconds()));
            }
            report.row(ID, "tool-call rows of the organization in audit.audit_log", String.format("%,d", rows),
                    String.format("%,d", rowsBefore + records));
            if (rows != rowsBefore + records) {
                System.out.printf("%n  !!! audit-ingestion: %,d rows stored for %,d records sent (+%,d before)%n%n",
                        rows, records, rowsBefore);
            }
            report.note(ID, "all records carry the same key (one organization), so they share one partition of "
                    + TOPIC + " and one of audit-service's consumers, as the gateway's records of one organization do");
        }
    }

    private static Properties producerProperties(Stack stack) {
        Properties properties = stack.kafka();
        // as the gateway's GatewayEventPublisher produces them
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return properties;
    }

    /**
     * Calls counted in the organization's all-tools rollups, which commit with their rows: polling this small table
     * instead of counting the log keeps the measurement from loading the database it measures.
     */
    static long counted(Connection db, UUID organization) throws SQLException {
        return single(db, "SELECT coalesce(sum(requests), 0) FROM audit.usage_daily WHERE organization_id = ?"
                + " AND tool = '*'", organization);
    }

    static long toolCalls(Connection db, UUID organization) throws SQLException {
        return single(db, "SELECT count(*) FROM audit.audit_log WHERE organization_id = ? AND kind = 'TOOL_CALL'",
                organization);
    }

    private static long single(Connection db, String sql, UUID organization) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, organization);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
