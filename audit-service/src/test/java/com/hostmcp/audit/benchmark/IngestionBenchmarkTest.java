package com.hostmcp.audit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

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
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        long started = System.nanoTime();
        long produced;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<String, String> record : batch) {
                producer.send(record);
            }
            producer.flush();
            produced = System.nanoTime();
        }
        long stored = 0;
        while (stored < records && System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
            Thread.sleep(100);
            stored = count(orgIds);
        }
        long finished = System.nanoTime();

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
        if (batches != null) {
            System.out.printf("batches                    %,d, mean %.0f records, max %.0f%n", batches.count(),
                    batches.mean(), batches.max());
        }
        System.out.println("===");
        assertThat(stored).as("every benchmark record stored exactly once").isEqualTo(records);
    }

    private long count(UUID[] orgIds) {
        return pool.preparedQuery("SELECT count(*) FROM audit.audit_log WHERE organization_id = ANY($1)")
                .execute(Tuple.of((Object) orgIds)).await().indefinitely().iterator().next().getLong(0);
    }
}
