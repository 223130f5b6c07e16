package com.hostmcp.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.hostmcp.audit.Ingested;
import com.hostmcp.audit.TestEvents;
import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.audit.TestTokens;
import com.hostmcp.audit.service.PercentileRefresher;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Usage summary and daily series agree with counts and percentiles computed from the raw log. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class UsageResourceTest {

    private static final String[] TOOLS = { "list_listings", "get_listing", "search_reservations" };
    private static final String[] OUTCOMES = { "SUCCESS", "SUCCESS", "SUCCESS", "ERROR", "REFUSED" };

    @Inject
    Pool pool;
    @Inject
    PercentileRefresher percentiles;

    @Test
    void monthToDateSummaryMatchesTheRawLogPerToolWithErrorRateAndListingCount() {
        UUID org = UUID.randomUUID();
        Random random = new Random(11);
        // calls of the last minutes only: today is always in the current month
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Call call = Call.of(org, UUID.randomUUID(), TOOLS[random.nextInt(TOOLS.length)],
                    OUTCOMES[random.nextInt(OUTCOMES.length)], 10 + random.nextInt(500),
                    Instant.now().minusSeconds(random.nextInt(120)));
            records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(call)));
        }
        records.add(TestEvents.record(TestEvents.LISTING_COUNTS, org,
                TestEvents.listingCountSynced(org, 14, 17, Instant.now())));
        Ingested.send(records);
        Ingested.awaitRows(pool, org, 151);

        JsonPath summary = get(org, "summary", Map.of());

        Row raw = pool.preparedQuery("SELECT count(*), count(*) FILTER (WHERE outcome = 'ERROR'),"
                + " count(*) FILTER (WHERE outcome = 'REFUSED') FROM audit.audit_log WHERE organization_id = $1"
                + " AND kind = 'TOOL_CALL'").execute(Tuple.of(org)).await().indefinitely().iterator().next();
        assertThat(summary.getString("month")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7));
        assertThat(summary.getLong("requests")).isEqualTo(raw.getLong(0)).isEqualTo(150);
        assertThat(summary.getLong("errors")).isEqualTo(raw.getLong(1));
        assertThat(summary.getLong("refused")).isEqualTo(raw.getLong(2));
        assertThat(summary.getDouble("errorRate")).isCloseTo((double) raw.getLong(1) / 150, within(1e-6));
        for (String tool : TOOLS) {
            long expected = Ingested.scalar(pool, "SELECT count(*) FROM audit.audit_log WHERE organization_id = $1"
                    + " AND kind = 'TOOL_CALL' AND action = $2", org, tool);
            assertThat(summary.getLong("tools.find { it.tool == '" + tool + "' }.requests")).as(tool)
                    .isEqualTo(expected);
        }
        assertThat(summary.getList("tools")).hasSize(TOOLS.length);
        assertThat(summary.getInt("listings.activeListings")).isEqualTo(14);
        assertThat(summary.getInt("listings.totalListings")).isEqualTo(17);
    }

    @Test
    void dailySeriesHasEveryDayOldestFirstWithCountsAndPercentilesOfTheRawLog() {
        UUID org = UUID.randomUUID();
        Random random = new Random(5);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int daysAgo = random.nextInt(3) * 2; // today, two and four days ago; the days between stay empty
            Instant startedAt = today.minusDays(daysAgo).atStartOfDay().toInstant(ZoneOffset.UTC)
                    .plusSeconds(random.nextInt(3600));
            Call call = Call.of(org, UUID.randomUUID(), TOOLS[random.nextInt(TOOLS.length)],
                    OUTCOMES[random.nextInt(OUTCOMES.length)], random.nextInt(1000), startedAt);
            records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(call)));
        }
        Ingested.send(records);
        Ingested.awaitRows(pool, org, 200);
        while (percentiles.refresh().await().atMost(Duration.ofSeconds(30)) > 0) {
            // until no rollup is stale
        }

        JsonPath series = get(org, "daily", Map.of("days", 7));
        JsonPath tool = get(org, "daily", Map.of("days", 7, "tool", "get_listing"));

        assertThat(series.getList("series.date", String.class)).hasSize(7).first()
                .isEqualTo(today.minusDays(6).toString());
        assertThat(series.getList("series.date", String.class)).last().isEqualTo(today.toString());
        for (int i = 0; i < 7; i++) {
            LocalDate day = today.minusDays(6 - i);
            Row raw = pool.preparedQuery("SELECT count(*), count(*) FILTER (WHERE outcome = 'ERROR'),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms),"
                    + " percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)"
                    + " FROM audit.audit_log WHERE organization_id = $1 AND kind = 'TOOL_CALL'"
                    + " AND (occurred_at AT TIME ZONE 'UTC')::date = $2").execute(Tuple.of(org, day))
                    .await().indefinitely().iterator().next();
            String at = "series[" + i + "].";
            assertThat(series.getLong(at + "requests")).as(day.toString()).isEqualTo(raw.getLong(0));
            assertThat(series.getLong(at + "errors")).as(day.toString()).isEqualTo(raw.getLong(1));
            if (raw.getLong(0) == 0) {
                assertThat(series.getObject(at + "p50Ms", Double.class)).isNull();
            } else {
                assertThat(series.getDouble(at + "p50Ms")).isCloseTo(raw.getDouble(2), within(1e-6));
                assertThat(series.getDouble(at + "p95Ms")).isCloseTo(raw.getDouble(3), within(1e-6));
                assertThat(series.getBoolean(at + "percentilesCurrent")).isTrue();
            }
            long toolCalls = Ingested.scalar(pool, "SELECT count(*) FROM audit.audit_log WHERE organization_id = $1"
                    + " AND action = 'get_listing' AND (occurred_at AT TIME ZONE 'UTC')::date = $2", org, day);
            assertThat(tool.getLong(at + "requests")).isEqualTo(toolCalls);
        }
        assertThat(series.getList("series.requests", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(200);
    }

    @Test
    void invalidDaysOrToolAreA400Problem() {
        String path = "/internal/organizations/" + UUID.randomUUID() + "/usage/daily";
        for (String query : new String[] { "days=0", "days=401", "days=week" }) {
            given().auth().oauth2(TestTokens.serviceToken()).get(path + "?" + query)
                    .then().statusCode(400).body("errors.field", hasItem("days"));
        }
        given().auth().oauth2(TestTokens.serviceToken()).get(path + "?tool=" + "x".repeat(129))
                .then().statusCode(400).body("errors.field", hasItem("tool"));
        given().auth().oauth2(TestTokens.tokenWithoutRole()).get(path).then().statusCode(403);
    }

    @Test
    void anOrganizationWithoutCallsHasZerosNotErrors() {
        JsonPath summary = get(UUID.randomUUID(), "summary", Map.of());

        assertThat(summary.getLong("requests")).isZero();
        assertThat(summary.getDouble("errorRate")).isZero();
        assertThat(summary.getList("tools")).isEmpty();
        assertThat(summary.getString("listings")).isNull();
    }

    private static JsonPath get(UUID org, String what, Map<String, ?> query) {
        return given().auth().oauth2(TestTokens.serviceToken()).queryParams(query)
                .get("/internal/organizations/" + org + "/usage/" + what)
                .then().statusCode(200).extract().jsonPath();
    }
}
