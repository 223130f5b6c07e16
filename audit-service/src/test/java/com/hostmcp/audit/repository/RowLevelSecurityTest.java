package com.hostmcp.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hostmcp.audit.Ingested;
import com.hostmcp.audit.TestEvents;
import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Row-level security isolates organizations in the database itself: as {@code audit_reader} in organization A's
 * transaction, statements naming B's rows find nothing, the partitions cannot be read around the policies, and nothing
 * can be written.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class RowLevelSecurityTest {

    private static final List<String> SCOPED_TABLES = List.of("audit.audit_log", "audit.usage_daily",
            "audit.listing_counts");

    @Inject
    AuditTransactions transactions;
    @Inject
    Pool pool;

    UUID a;
    UUID b;

    @BeforeEach
    void seedTwoOrganizationsThroughKafka() {
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (UUID org : List.of(a, b)) {
            for (int i = 0; i < 5; i++) {
                Call call = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10, Instant.now());
                records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(call)));
            }
            records.add(TestEvents.record(TestEvents.LISTING_COUNTS, org,
                    TestEvents.listingCountSynced(org, 3, 4, Instant.now())));
        }
        Ingested.send(records);
        Ingested.awaitRows(pool, a, 6);
        Ingested.awaitRows(pool, b, 6);
    }

    @Test
    void anOrganizationSeesExactlyItsOwnRowsInEveryTable() {
        Map<String, Long> asA = await(transactions.inOrganization(a, tx -> countAll(tx, "")));
        Map<String, Long> asService = await(transactions.asService(tx -> countAll(tx,
                " WHERE organization_id = '" + a + "'")));

        assertThat(asA).isEqualTo(asService);
        assertThat(asA.get("audit.audit_log")).isEqualTo(6);
        assertThat(asA.get("audit.usage_daily")).isEqualTo(2);
        assertThat(asA.get("audit.listing_counts")).isEqualTo(1);
    }

    @Test
    void statementsNamingAnotherOrganizationFindNothing() {
        Map<String, Long> bFromA = await(transactions.inOrganization(a, tx -> countAll(tx,
                " WHERE organization_id = '" + b + "'")));

        assertThat(bFromA).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    }

    @Test
    void withoutAnOrganizationSetTheReaderRoleSeesNothing() {
        Map<String, Long> counts = await(pool.withTransaction(
                tx -> tx.query("SET LOCAL ROLE audit_reader").execute().chain(() -> countAll(tx, ""))));

        assertThat(counts).hasSize(SCOPED_TABLES.size()).allSatisfy((table, rows) -> assertThat(rows).isZero());
    }

    @Test
    void theReaderRoleCannotReadAPartitionDirectlyNorWriteNorSwitchSecurityOff() {
        String partition = "audit.audit_log_p" + YearMonth.now(ZoneOffset.UTC).toString().replace('-', '_');

        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> tx.query("SELECT count(*) FROM " + partition).execute())))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> tx.query("DELETE FROM audit.audit_log").execute())))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> tx.query("UPDATE audit.usage_daily SET requests = 0").execute())))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> tx.query("SET LOCAL row_security = off").execute()
                        .chain(() -> tx.query("SELECT count(*) FROM audit.audit_log").execute()))))
                .hasMessageContaining("row-level security");
        Row role = await(pool.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'audit_reader'")
                .execute().map(rows -> rows.iterator().next()));
        assertThat(role.getBoolean("rolsuper")).isFalse();
        assertThat(role.getBoolean("rolbypassrls")).isFalse();
    }

    private static Uni<Map<String, Long>> countAll(SqlConnection tx, String where) {
        Uni<Map<String, Long>> counts = Uni.createFrom().item(new TreeMap<>());
        for (String table : SCOPED_TABLES) {
            counts = counts.call(map -> tx.preparedQuery("SELECT count(*) FROM " + table + where)
                    .execute(Tuple.tuple()).invoke(rows -> map.put(table, rows.iterator().next().getLong(0))));
        }
        return counts;
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }
}
