package com.hostmcp.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.hostmcp.audit.Ingested;
import com.hostmcp.audit.TestEvents;
import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.audit.service.PercentileRefresher;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The gateway's ToolInvoked and UsageRecorded records become one audit entry per call, stored once and counted once
 * however often and in whatever order they arrive, and the rollups always equal what the raw log says.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class InvocationIngestionTest {

    private static final String[] TOOLS = { "list_listings", "get_listing", "search_reservations", "get_calendar" };
    private static final String[] OUTCOMES = { "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "ERROR", "REFUSED" };

    @Inject
    Pool pool;
    @Inject
    PercentileRefresher percentiles;

    @Test
    void toolInvokedDeliveredTwiceIsStoredOnceAndCountedOnce() {
        UUID org = UUID.randomUUID();
        Call call = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 120, Instant.now());
        Call marker = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 80, Instant.now());
        String invoked = TestEvents.toolInvoked(call);

        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, invoked),
                TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, invoked),
                TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(marker))));

        // same key, same partition: once the marker is stored, the duplicate before it has been handled too
        Ingested.awaitComplete(pool, marker.invocationId().toString());
        assertThat(Ingested.rows(pool, org)).isEqualTo(2);
        assertThat(Ingested.scalar(pool, "SELECT requests FROM audit.usage_daily WHERE organization_id = $1"
                + " AND tool = '*'", org)).isEqualTo(2);
    }

    @Test
    void usageAndInvocationRecordsOfOneCallAreOneEntryCountedOnceWhicheverArrivesFirst() {
        UUID org = UUID.randomUUID();
        Call meteredFirst = Call.of(org, UUID.randomUUID(), "search_reservations", "ERROR", 300, Instant.now());
        Call invokedFirst = Call.of(org, UUID.randomUUID(), "search_reservations", "SUCCESS", 90, Instant.now());
        String invoked = TestEvents.toolInvoked(meteredFirst);

        Ingested.send(List.of(TestEvents.record(TestEvents.USAGE, org, TestEvents.usageRecorded(meteredFirst)),
                TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(invokedFirst))));
        Ingested.awaitRows(pool, org, 2);
        Ingested.awaitComplete(pool, invokedFirst.invocationId().toString());
        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, invoked),
                TestEvents.record(TestEvents.USAGE, org, TestEvents.usageRecorded(invokedFirst))));
        Ingested.awaitComplete(pool, meteredFirst.invocationId().toString());
        // the usage record of invokedFirst is behind a marker on its partition
        Call marker = Call.of(org, UUID.randomUUID(), "marker", "SUCCESS", 1, Instant.now());
        Ingested.send(List.of(TestEvents.record(TestEvents.USAGE, org, TestEvents.usageRecorded(marker))));
        Ingested.awaitRows(pool, org, 3);

        Row row = pool.preparedQuery("SELECT * FROM audit.audit_log WHERE entry_id = $1")
                .execute(Tuple.of(meteredFirst.invocationId().toString())).await().indefinitely().iterator().next();
        assertThat(row.getBoolean("complete")).isTrue();
        assertThat(row.getString("event_id")).as("the ToolInvoked completed the row").isEqualTo(TestEvents.id(invoked));
        assertThat(row.getString("outcome")).isEqualTo("ERROR");
        assertThat(row.getString("error_type")).isEqualTo("upstream");
        assertThat(row.getString("actor_type")).isEqualTo("API_KEY");
        assertThat(row.getUUID("key_id")).isEqualTo(meteredFirst.keyId());
        assertThat(row.getInteger("latency_ms")).isEqualTo(300);
        assertThat(row.getString("trace_id")).isEqualTo(TestEvents.traceId(invoked));
        assertThat(row.getString("mcp_session_id")).isNotBlank();
        assertThat(row.getJsonObject("details").getJsonObject("arguments").getString("guestName"))
                .isEqualTo("[REDACTED]");
        assertThat(row.getJsonObject("details").getString("transport")).isEqualTo("STREAMABLE_HTTP");
        assertThat(Ingested.rows(pool, org)).as("two calls and the marker, whatever the order").isEqualTo(3);
        assertThat(Ingested.scalar(pool, "SELECT requests FROM audit.usage_daily WHERE organization_id = $1"
                + " AND tool = 'search_reservations'", org)).isEqualTo(2);
        assertThat(Ingested.scalar(pool, "SELECT errors FROM audit.usage_daily WHERE organization_id = $1"
                + " AND tool = 'search_reservations'", org)).isEqualTo(1);
    }

    @Test
    void rollupsEqualCountsAndPercentilesFromTheRawLogAfterRedeliveredBatches() {
        UUID org = UUID.randomUUID();
        Random random = new Random(7);
        Instant now = Instant.now();
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // two UTC days, so that counts are split by day as well as by tool
            Instant startedAt = now.minus(random.nextInt(2), ChronoUnit.DAYS).minusSeconds(random.nextInt(3600));
            calls.add(Call.of(org, UUID.randomUUID(), TOOLS[random.nextInt(TOOLS.length)],
                    OUTCOMES[random.nextInt(OUTCOMES.length)], 5 + random.nextInt(2000), startedAt));
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        List<String> invoked = calls.stream().map(TestEvents::toolInvoked).toList();
        invoked.forEach(event -> records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, event)));
        calls.forEach(call -> records.add(TestEvents.record(TestEvents.USAGE, org, TestEvents.usageRecorded(call))));
        // the whole stream again, as after a consumer restart before its offsets were committed
        invoked.forEach(event -> records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, event)));
        Call lastInvoked = Call.of(org, UUID.randomUUID(), "marker", "SUCCESS", 1, now);
        Call lastUsage = Call.of(org, UUID.randomUUID(), "marker", "SUCCESS", 1, now);
        records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(lastInvoked)));
        records.add(TestEvents.record(TestEvents.USAGE, org, TestEvents.usageRecorded(lastUsage)));

        Ingested.send(records);
        Ingested.awaitComplete(pool, lastInvoked.invocationId().toString());
        Ingested.awaitRows(pool, org, 602);
        int refreshed;
        do {
            refreshed = percentiles.refresh().await().atMost(Duration.ofSeconds(30));
        } while (refreshed > 0);

        assertThat(Ingested.rows(pool, org)).isEqualTo(602);
        Map<String, List<Object>> fromRollups = table("SELECT day::text || ' ' || tool, requests, errors, refused,"
                + " latency_sum_ms, round(p50_ms::numeric, 3), round(p95_ms::numeric, 3) FROM audit.usage_daily"
                + " WHERE organization_id = $1", org);
        Map<String, List<Object>> fromRawLog = table("SELECT (occurred_at AT TIME ZONE 'UTC')::date::text || ' '"
                + " || coalesce(action, '*'), count(*), count(*) FILTER (WHERE outcome = 'ERROR'),"
                + " count(*) FILTER (WHERE outcome = 'REFUSED'), sum(latency_ms),"
                + " round(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::numeric, 3),"
                + " round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::numeric, 3)"
                + " FROM audit.audit_log WHERE organization_id = $1 AND kind = 'TOOL_CALL'"
                + " GROUP BY GROUPING SETS (((occurred_at AT TIME ZONE 'UTC')::date, action),"
                + " ((occurred_at AT TIME ZONE 'UTC')::date))", org);
        assertThat(fromRollups).isEqualTo(fromRawLog);
        long total = fromRollups.entrySet().stream().filter(e -> e.getKey().endsWith(" *"))
                .mapToLong(e -> ((Number) e.getValue().get(0)).longValue()).sum();
        assertThat(total).as("every call counted once").isEqualTo(602);
    }

    @Test
    void unreadableRecordGoesToItsDeadLetterTopicAndTheRestOfItsBatchIsStored() {
        UUID org = UUID.randomUUID();
        Call before = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10, Instant.now());
        Call after = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10, Instant.now());
        String noOrganization = TestEvents.toolInvoked(after).replace("\"organizationId\":\"" + org + "\"",
                "\"organizationId\":null");

        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(before)),
                new ProducerRecord<>(TestEvents.TOOL_INVOCATIONS, org.toString(), "{\"specversion\": 1"),
                new ProducerRecord<>(TestEvents.TOOL_INVOCATIONS, org.toString(), noOrganization),
                TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(after))));

        Ingested.awaitComplete(pool, after.invocationId().toString());
        assertThat(Ingested.rows(pool, org)).isEqualTo(2);
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers())) {
            var dead = kafka.consumeStrings().fromTopics(TestEvents.TOOL_INVOCATIONS + ".audit-service.dlq")
                    .awaitRecords(2, Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> ours = dead.getRecords().stream()
                    .filter(r -> org.toString().equals(r.key())).toList();
            dead.stop();
            assertThat(ours).extracting(ConsumerRecord::value).containsExactly("{\"specversion\": 1", noOrganization);
            assertThat(new String(ours.get(1).headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8)).contains("organizationId");
        }
    }

    @Test
    void callsOlderThanTheRetentionAreNotStored() {
        UUID org = UUID.randomUUID();
        Call old = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10,
                Instant.now().minus(500, ChronoUnit.DAYS));
        Call current = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10, Instant.now());

        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(old)),
                TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(current))));

        Ingested.awaitComplete(pool, current.invocationId().toString());
        assertThat(Ingested.rows(pool, org)).isEqualTo(1);
    }

    private Map<String, List<Object>> table(String sql, UUID org) {
        Map<String, List<Object>> table = new HashMap<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(org)).await().indefinitely()) {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i < row.size(); i++) {
                Object value = row.getValue(i);
                values.add(value instanceof Number n && !(value instanceof java.math.BigDecimal) ? n.longValue()
                        : value == null ? null : value.toString());
            }
            table.put(row.getString(0), values);
        }
        return table;
    }
}
