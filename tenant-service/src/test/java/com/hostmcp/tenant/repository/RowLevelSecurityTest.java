package com.hostmcp.tenant.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Row-level security isolates organizations in the database itself: in a transaction of organization A, statements
 * that name another organization's ids find, change and delete nothing, on every organization-scoped table.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class RowLevelSecurityTest {

    private static final int ORGANIZATIONS = 12;
    private static final int MEMBERS_PER_ORGANIZATION = 3;
    private static final int KEYS_PER_ORGANIZATION = 2;
    /** Each organization-scoped table and the column that names the organization. */
    private static final Map<String, String> SCOPED_TABLES = Map.of(
            "tenant.organizations", "id",
            "tenant.members", "organization_id",
            "tenant.hostaway_credentials", "organization_id",
            "tenant.api_keys", "organization_id");
    /** What each seeded organization has in each table. */
    private static final Map<String, Long> SEEDED_ROWS = Map.of(
            "tenant.organizations", 1L,
            "tenant.members", (long) MEMBERS_PER_ORGANIZATION,
            "tenant.hostaway_credentials", 1L,
            "tenant.api_keys", (long) KEYS_PER_ORGANIZATION);

    @Inject
    TenantTransactions transactions;
    @Inject
    Pool pool;

    /** Seeded organizations; each has members, Hostaway credentials and API keys. */
    List<Seeded> seeded;

    record Seeded(UUID organizationId, List<UUID> memberIds, List<UUID> keyIds) {
    }

    @BeforeEach
    void seedOrganizationsAsTheService() {
        seeded = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            seeded.add(await(transactions.asService(this::seedOne)));
        }
    }

    @Test
    void anOrganizationSeesExactlyItsOwnRowsInEveryTable() {
        for (Seeded a : seeded) {
            Map<String, Long> visible = await(transactions.inOrganization(a.organizationId(), this::countAll));

            assertThat(visible).isEqualTo(SEEDED_ROWS);
        }
    }

    @Test
    void selectsNamingAnotherOrganizationsIdsReturnNothing() {
        Seeded a = seeded.get(0);
        for (Seeded b : seeded.subList(1, ORGANIZATIONS)) {
            for (var table : SCOPED_TABLES.entrySet()) {
                long visible = await(transactions.inOrganization(a.organizationId(),
                        tx -> count(tx, "SELECT count(*) FROM " + table.getKey() + " WHERE " + table.getValue() + " = $1",
                                b.organizationId())));
                assertThat(visible).as("%s rows of %s seen from %s", table.getKey(), b, a).isZero();
            }
            long members = await(transactions.inOrganization(a.organizationId(),
                    tx -> count(tx, "SELECT count(*) FROM tenant.members WHERE id = ANY($1)",
                            (Object) b.memberIds().toArray(UUID[]::new))));
            long keys = await(transactions.inOrganization(a.organizationId(),
                    tx -> count(tx, "SELECT count(*) FROM tenant.api_keys WHERE id = ANY($1)",
                            (Object) b.keyIds().toArray(UUID[]::new))));
            assertThat(members + keys).as("members and keys of %s looked up by id from %s", b, a).isZero();
        }
    }

    @Test
    void updatesAndDeletesNamingAnotherOrganizationsIdsAffectNothing() {
        Seeded a = seeded.get(0);

        for (Seeded b : seeded.subList(1, ORGANIZATIONS)) {
            UUID other = b.organizationId();
            long changed = await(transactions.inOrganization(a.organizationId(), tx -> sum(
                    update(tx, "UPDATE tenant.organizations SET name = 'taken over' WHERE id = $1", other),
                    update(tx, "UPDATE tenant.members SET role = 'MEMBER' WHERE organization_id = $1", other),
                    update(tx, "UPDATE tenant.hostaway_credentials SET status = 'INVALID', invalid_since = now()"
                            + " WHERE organization_id = $1", other),
                    update(tx, "UPDATE tenant.api_keys SET name = 'taken over' WHERE organization_id = $1", other),
                    update(tx, "DELETE FROM tenant.api_keys WHERE organization_id = $1", other),
                    update(tx, "DELETE FROM tenant.hostaway_credentials WHERE organization_id = $1", other),
                    update(tx, "DELETE FROM tenant.members WHERE organization_id = $1", other),
                    update(tx, "DELETE FROM tenant.organizations WHERE id = $1", other))));
            assertThat(changed).as("rows of %s changed from %s", b, a).isZero();
        }

        for (Seeded b : seeded.subList(1, ORGANIZATIONS)) {
            UUID other = b.organizationId();
            long unchanged = await(transactions.asService(tx -> sum(
                    count(tx, "SELECT count(*) FROM tenant.organizations WHERE id = $1 AND name = 'Org'", other),
                    count(tx, "SELECT count(*) FROM tenant.members WHERE organization_id = $1 AND role = 'ADMIN'", other),
                    count(tx, "SELECT count(*) FROM tenant.hostaway_credentials WHERE organization_id = $1"
                            + " AND status = 'CONNECTED'", other),
                    count(tx, "SELECT count(*) FROM tenant.api_keys WHERE organization_id = $1 AND name = 'key'", other))));
            assertThat(unchanged).as("untouched rows of %s", b)
                    .isEqualTo(SEEDED_ROWS.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void rowsCannotBeWrittenIntoOrMovedToAnotherOrganization() {
        UUID a = seeded.get(0).organizationId();
        UUID b = seeded.get(1).organizationId();

        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> update(tx, "INSERT INTO tenant.members (id, organization_id, email, role)"
                        + " VALUES (gen_random_uuid(), $1, 'intruder@example.com', 'OWNER')", b))))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> update(tx, "UPDATE tenant.api_keys SET organization_id = $1", b))))
                .hasMessageContaining("row-level security");
    }

    @Test
    void withoutAnOrganizationSetTheUserRoleSeesNothing() {
        Map<String, Long> counts = await(pool.withTransaction(
                tx -> tx.query("SET LOCAL ROLE tenant_user").execute().chain(() -> countAll(tx))));

        assertThat(counts).hasSize(SCOPED_TABLES.size()).allSatisfy((table, rows) -> assertThat(rows).isZero());
    }

    @Test
    void theUserRoleCannotSwitchRowLevelSecurityOff() {
        UUID a = seeded.get(0).organizationId();

        // with row_security off, PostgreSQL refuses a query that a policy would filter instead of running it unfiltered
        assertThatThrownBy(() -> await(transactions.inOrganization(a, tx -> tx.query("SET LOCAL row_security = off")
                .execute().chain(() -> countAll(tx)))))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> await(transactions.inOrganization(a,
                tx -> tx.query("ALTER TABLE tenant.members DISABLE ROW LEVEL SECURITY").execute())))
                .hasMessageContaining("must be owner");
        Row role = await(pool.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'tenant_user'")
                .execute().map(rows -> rows.iterator().next()));
        assertThat(role.getBoolean("rolsuper")).isFalse();
        assertThat(role.getBoolean("rolbypassrls")).isFalse();
    }

    private Uni<Seeded> seedOne(SqlConnection tx) {
        UUID organizationId = UUID.randomUUID();
        List<UUID> memberIds = new ArrayList<>();
        List<UUID> keyIds = new ArrayList<>();
        Uni<Void> work = update(tx, "INSERT INTO tenant.organizations (id, name, owner_subject) VALUES ($1, 'Org', $2)",
                organizationId, "rls-owner-" + organizationId).replaceWithVoid()
                .chain(() -> update(tx, "INSERT INTO tenant.hostaway_credentials (organization_id, account_id,"
                        + " secret_ciphertext, status, connected_at) VALUES ($1, '12345', '\\x00', 'CONNECTED', now())",
                        organizationId))
                .replaceWithVoid();
        for (int m = 0; m < MEMBERS_PER_ORGANIZATION; m++) {
            UUID memberId = UUID.randomUUID();
            memberIds.add(memberId);
            String email = "m" + m + "-" + organizationId + "@example.com";
            work = work.chain(() -> update(tx, "INSERT INTO tenant.members (id, organization_id, email, role)"
                    + " VALUES ($1, $2, $3, 'ADMIN')", memberId, organizationId, email)).replaceWithVoid();
        }
        for (int k = 0; k < KEYS_PER_ORGANIZATION; k++) {
            UUID keyId = UUID.randomUUID();
            keyIds.add(keyId);
            short slot = (short) (k + 1);
            String hash = randomHash();
            work = work.chain(() -> tx.preparedQuery("INSERT INTO tenant.api_keys (id, organization_id, name, key_hash,"
                    + " display_hint, slot) VALUES ($1, $2, 'key', $3, 'hmcp_…abcd', $4)")
                    .execute(Tuple.of(keyId, organizationId, hash, slot))).replaceWithVoid();
        }
        return work.map(done -> new Seeded(organizationId, memberIds, keyIds));
    }

    private Uni<Map<String, Long>> countAll(SqlConnection tx) {
        Uni<Map<String, Long>> counts = Uni.createFrom().item(new TreeMap<>());
        for (String table : SCOPED_TABLES.keySet()) {
            counts = counts.call(map -> count(tx, "SELECT count(*) FROM " + table)
                    .invoke(n -> map.put(table, n)));
        }
        return counts;
    }

    private static Uni<Long> count(SqlConnection tx, String sql, Object... arguments) {
        return tx.preparedQuery(sql).execute(Tuple.from(arguments)).map(rows -> rows.iterator().next().getLong(0));
    }

    private static Uni<Integer> update(SqlConnection tx, String sql, Object... arguments) {
        return tx.preparedQuery(sql).execute(Tuple.from(arguments)).map(RowSet::rowCount);
    }

    /** Runs the statements one after the other (a connection runs one at a time) and adds up their numbers. */
    @SafeVarargs
    private static Uni<Long> sum(Uni<? extends Number>... statements) {
        Uni<Long> total = Uni.createFrom().item(0L);
        for (Uni<? extends Number> statement : statements) {
            total = total.flatMap(sum -> statement.map(n -> sum + n.longValue()));
        }
        return total;
    }

    private static String randomHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }
}
