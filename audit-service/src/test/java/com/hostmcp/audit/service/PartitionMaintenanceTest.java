package com.hostmcp.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.audit.Ingested;
import com.hostmcp.audit.TestEvents;
import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.audit.repository.AuditTransactions;
import com.hostmcp.audit.repository.PartitionRepository;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Monthly partitions exist ahead of time from start-up; retention (13 months by default) drops exactly the partitions
 * older than that, with their rollups, and nothing else; an event of a month without a partition gets one.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class PartitionMaintenanceTest {

    @Inject
    PartitionMaintenance maintenance;
    @Inject
    PartitionRepository partitions;
    @Inject
    AuditTransactions transactions;
    @Inject
    Pool pool;

    @Test
    void partitionsOfTheCurrentAndTheNextThreeMonthsExistAfterStartUp() {
        YearMonth current = YearMonth.now(ZoneOffset.UTC);

        assertThat(months()).contains(current, current.plusMonths(1), current.plusMonths(2), current.plusMonths(3));
    }

    @Test
    void retentionDropsOnlyPartitionsOlderThanThirteenMonthsWithTheirRollups() {
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        UUID org = UUID.randomUUID();
        for (int monthsAgo : new int[] { 16, 15, 14, 13, 12, 1 }) {
            seed(org, current.minusMonths(monthsAgo));
        }

        PartitionMaintenance.Outcome outcome = await(maintenance.maintain(current));

        assertThat(outcome.dropped()).containsExactly(current.minusMonths(16), current.minusMonths(15),
                current.minusMonths(14));
        assertThat(months()).doesNotContain(current.minusMonths(16), current.minusMonths(15), current.minusMonths(14))
                .contains(current.minusMonths(13), current.minusMonths(12), current.minusMonths(1), current,
                        current.plusMonths(3));
        assertThat(Ingested.rows(pool, org)).as("rows of the kept months (13, 12 and 1 months ago)").isEqualTo(3);
        assertThat(Ingested.scalar(pool, "SELECT count(*) FROM audit.usage_daily WHERE organization_id = $1", org))
                .as("rollup days of the kept months").isEqualTo(3);
        assertThat(await(maintenance.maintain(current)).dropped()).as("a second run finds nothing to drop").isEmpty();
    }

    @Test
    void aCallOfAMonthWithoutPartitionGetsOneBeforeItIsStored() {
        UUID org = UUID.randomUUID();
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(7);
        await(transactions.asService(tx -> tx.query("DROP TABLE IF EXISTS audit.audit_log_p"
                + month.toString().replace('-', '_')).execute()));
        await(maintenance.maintain(YearMonth.now(ZoneOffset.UTC)));
        assertThat(months()).doesNotContain(month);
        Call call = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10,
                month.atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC));

        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(call))));

        Ingested.awaitComplete(pool, call.invocationId().toString());
        assertThat(months()).contains(month);
    }

    /** One row in the month (its partition created as the service does) and one rollup day. */
    private void seed(UUID org, YearMonth month) {
        Instant at = month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC).plus(3, ChronoUnit.HOURS);
        await(transactions.asService(tx -> partitions.ensure(tx, month)
                .chain(() -> tx.preparedQuery("INSERT INTO audit.audit_log (entry_id, occurred_at, organization_id,"
                        + " kind, action, source, event_id, complete) VALUES ($1, $2, $3, 'DOMAIN_EVENT',"
                        + " 'com.hostmcp.tenant.MemberAdded.v1', '/tenant-service', $1, true)")
                        .execute(Tuple.of(UUID.randomUUID().toString(), at.atOffset(ZoneOffset.UTC), org)))
                .chain(() -> tx.preparedQuery("INSERT INTO audit.usage_daily (organization_id, day, tool, requests,"
                        + " errors, refused, latency_sum_ms) VALUES ($1, $2, '*', 1, 0, 0, 10)")
                        .execute(Tuple.of(org, month.atDay(10))))));
    }

    private List<YearMonth> months() {
        return await(transactions.asService(partitions::months));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }
}
