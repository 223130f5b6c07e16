package com.hostmcp.audit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.hostmcp.audit.TestEvents;
import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * End-to-end ingestion benchmark, run only when asked (README "Benchmark"):
 * {@code ./mvnw -pl audit-service test -Dtest=IngestionBenchmarkTest -Dbenchmark=true [-Dbenchmark.records=200000]}.
 * Produces N ToolInvoked records (as the gateway sends them: CloudEvents JSON keyed by organization, with a
 * traceparent) to the real broker while audit-service consumes them, and measures from the first send to the moment
 * the last row is committed. Prints the figures; asserts only that every record was stored once.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class IngestionBenchmarkTest {

    private static final String[] TOOLS = { "list_listings", "get_listing", "search_reservations", "get_reservation",
            "list_conversations", "get_conversation", "send_guest_message", "get_calendar", "update_calendar",
            "list_reviews", "get_financials", "list_tasks" };

    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    @Test
    void ingestsInvocationRecordsEndToEnd() throws Exception {
        int records = Integer.getInteger("benchmark.records", 200_000);
        int organizations = Integer.getInteger("benchmark.organizations", 200);
        Random random = new Random(42);
        List<UUID> orgs = new ArrayList<>();
        List<UUID> keys = new ArrayList<>();
        for (int i = 0; i < organizations; i++) {
            orgs.add(UUID.randomUUID());
            keys.add(UUID.randomUUID());
        }
        // one template event checked against the contract, then N variants (building them is not measured)
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ProducerRecord<String, String>> batch = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            int org = random.nextInt(organizations);
            double roll = random.nextDouble();
            String outcome = roll < 0.9 ? "SUCCESS" : roll < 0.97 ? "ERROR" : "REFUSED";
            long latency = (long) Math.exp(4 + random.nextGaussian() * 0.8);
            Call call = Call.of(orgs.get(org), keys.get(org), TOOLS[random.nextInt(TOOLS.length)], outcome, latency,
                    now.minusMillis(random.nextInt(60_000)));
            String event = i == 0 ? TestEvents.toolInvoked(call) : TestEvents.toolInvokedUnchecked(call);
            batch.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, call.organizationId(), event));
        }
        UUID[] orgIds = orgs.toArray(UUID[]::new);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // as the gateway's GatewayEventPublisher produces them
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        double loadBefore = loadAverage();
        long jvmBefore = jvmCpuNanos();
        long serviceBefore = serviceThreadsCpuNanos();
        long postgresBefore = postgresCpuNanos();
        long started = System.nanoTime();
        long produced;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<String, String> record : batch) {
                producer.send(record);
            }
            producer.flush();
            produced = System.nanoTime();
        }
        long counted = 0;
        while (counted < records && System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
            Thread.sleep(50);
            counted = counted(orgIds);
        }
        long finished = System.nanoTime();
        double jvmSeconds = (jvmCpuNanos() - jvmBefore) / 1e9;
        double serviceSeconds = (serviceThreadsCpuNanos() - serviceBefore) / 1e9;
        double postgresSeconds = (postgresCpuNanos() - postgresBefore) / 1e9;
        double cpuSeconds = jvmSeconds + postgresSeconds;

        Row span = pool.preparedQuery("SELECT min(received_at), max(received_at) FROM audit.audit_log"
                + " WHERE organization_id = ANY($1)").execute(Tuple.of(orgIds)).await().indefinitely().iterator().next();
        double endToEndSeconds = (finished - started) / 1e9;
        double commitSpanSeconds = Duration.between(span.getOffsetDateTime(0), span.getOffsetDateTime(1)).toNanos() / 1e9;
        var batches = registry.find("hostmcp.audit.ingest.batch.size").tag("channel", "tool-invocations").summary();
        System.out.printf("%n=== audit-service ingestion benchmark (%d cores) ===%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf("records                    %,d ToolInvoked (%d organizations, %d tools)%n", records,
                organizations, TOOLS.length);
        System.out.printf("produced in                %.2f s (%,.0f records/s into Kafka)%n", (produced - started) / 1e9,
                records / ((produced - started) / 1e9));
        System.out.printf("end to end                 %.2f s: %,.0f records/s (first send -> last row committed)%n",
                endToEndSeconds, records / endToEndSeconds);
        System.out.printf("between first and last row %.2f s: %,.0f records/s committed%n", commitSpanSeconds,
                records / Math.max(commitSpanSeconds, 0.001));
        System.out.printf("CPU used                   %.1f s: this JVM (broker, producer, audit-service) %.1f s,"
                + " PostgreSQL %.1f s%n", cpuSeconds, jvmSeconds, postgresSeconds);
        System.out.printf("audit-service's threads    %.1f s (event loops, Kafka consumers, workers): %.0f µs per record%n",
                serviceSeconds, serviceSeconds * 1e6 / records);
        System.out.printf("CPU per record             %.0f µs, i.e. %,.0f records/s if the %d cores did nothing else%n",
                cpuSeconds * 1e6 / records, records / cpuSeconds * Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("load average               %.2f before, %.2f after (other work on the machine slows the"
                + " wall-clock figures)%n", loadBefore, loadAverage());
        if (batches != null) {
            System.out.printf("batches                    %,d, mean %.0f records, max %.0f%n", batches.count(),
                    batches.mean(), batches.max());
        }
        System.out.println("===");
        assertThat(count(orgIds)).as("every benchmark record stored exactly once").isEqualTo(records);
        assertThat(counted).as("and counted once").isEqualTo(records);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of all PostgreSQL processes on this machine (utime + stime from /proc), 0 where unreadable. */
    private static long postgresCpuNanos() {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    int end = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, end).startsWith("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(end + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** CPU time of audit-service's own threads in this JVM (not the broker's, not the producer's). */
    private static long serviceThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo thread : threads.dumpAllThreads(false, false)) {
            String name = thread.getThreadName();
            if (name.startsWith("vert.x-eventloop") || name.startsWith("vert.x-worker")
                    || name.startsWith("smallrye-kafka-consumer") || name.startsWith("executor-thread")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return nanos;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Calls counted in the rollups, which commit with their rows: polling this small table instead of counting the log
     * keeps the measurement from loading the database it measures.
     */
    private long counted(UUID[] orgIds) {
        return pool.preparedQuery("SELECT coalesce(sum(requests), 0) FROM audit.usage_daily"
                + " WHERE organization_id = ANY($1) AND tool = '*'")
                .execute(Tuple.of((Object) orgIds)).await().indefinitely().iterator().next().getLong(0);
    }

    private long count(UUID[] orgIds) {
        return pool.preparedQuery("SELECT count(*) FROM audit.audit_log WHERE organization_id = ANY($1)")
                .execute(Tuple.of((Object) orgIds)).await().indefinitely().iterator().next().getLong(0);
    }
}
