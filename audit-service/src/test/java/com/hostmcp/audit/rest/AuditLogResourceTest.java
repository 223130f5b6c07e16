package com.hostmcp.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.hostmcp.audit.Ingested;
import com.hostmcp.audit.TestEvents;
import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.audit.TestTokens;
import com.hostmcp.rest.Problems;
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

/** Audit search: newest first, filters, cursor pagination without gaps or duplicates, strict input checks. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class AuditLogResourceTest {

    @Inject
    Pool pool;

    @Test
    void searchPagesThrough1200EntriesNewestFirstWithoutGapsOrDuplicatesWhileNewCallsArrive() {
        UUID org = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            // groups of three calls share a start time: the entry id orders them
            Call call = Call.of(org, key, "list_listings", "SUCCESS", 10, base.plusSeconds(i / 3));
            records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(call)));
        }
        Ingested.send(records);
        Ingested.awaitRows(pool, org, 1200);
        Set<String> stored = ids("SELECT entry_id FROM audit.audit_log WHERE organization_id = $1", org);

        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = page(org, cursor == null ? Map.of("limit", 97) : Map.of("limit", 97, "cursor", cursor));
            seen.addAll(page.getList("entries"));
            cursor = page.getString("nextCursor");
            if (pages++ == 0) {
                // newer calls arriving meanwhile belong before the first page, never into later ones
                Call newer = Call.of(org, key, "list_listings", "SUCCESS", 10, Instant.now());
                Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org,
                        TestEvents.toolInvoked(newer))));
                Ingested.awaitRows(pool, org, 1201);
            }
        } while (cursor != null);

        List<String> ids = seen.stream().map(e -> (String) e.get("id")).toList();
        assertThat(pages).isEqualTo(13);
        assertThat(ids).hasSize(1200).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(stored);
        for (int i = 1; i < seen.size(); i++) {
            String previous = seen.get(i - 1).get("occurredAt") + " " + seen.get(i - 1).get("id");
            String next = seen.get(i).get("occurredAt") + " " + seen.get(i).get("id");
            assertThat(Instant.parse((String) seen.get(i).get("occurredAt")))
                    .isBeforeOrEqualTo(Instant.parse((String) seen.get(i - 1).get("occurredAt")));
            if (seen.get(i).get("occurredAt").equals(seen.get(i - 1).get("occurredAt"))) {
                assertThat(next).as("ties ordered by id, descending").isLessThan(previous);
            }
        }
    }

    @Test
    void filtersByToolOutcomeKeyKindAndTimeRangeReturnExactlyTheMatchingEntries() {
        UUID org = UUID.randomUUID();
        UUID keyA = UUID.randomUUID();
        UUID keyB = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Call> calls = List.of(
                Call.of(org, keyA, "get_listing", "SUCCESS", 10, now.minusSeconds(500)),
                Call.of(org, keyA, "get_listing", "ERROR", 20, now.minusSeconds(400)),
                Call.of(org, keyB, "search_reservations", "REFUSED", 1, now.minusSeconds(300)),
                Call.of(org, keyB, "get_listing", "SUCCESS", 30, now.minusSeconds(200)));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        calls.forEach(c -> records.add(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(c))));
        String member = TestEvents.domainEvent("com.hostmcp.tenant.MemberAdded.v1", org, now.minusSeconds(100));
        records.add(TestEvents.record(TestEvents.TENANT_EVENTS, org, member));
        Ingested.send(records);
        Ingested.awaitRows(pool, org, 5);

        assertThat(idsOf(page(org, Map.of()))).containsExactly(TestEvents.id(member),
                id(calls.get(3)), id(calls.get(2)), id(calls.get(1)), id(calls.get(0)));
        assertThat(idsOf(page(org, Map.of("action", "get_listing")))).containsExactly(id(calls.get(3)),
                id(calls.get(1)), id(calls.get(0)));
        assertThat(idsOf(page(org, Map.of("outcome", "REFUSED")))).containsExactly(id(calls.get(2)));
        assertThat(idsOf(page(org, Map.of("keyId", keyA.toString())))).containsExactly(id(calls.get(1)),
                id(calls.get(0)));
        assertThat(idsOf(page(org, Map.of("kind", "DOMAIN_EVENT")))).containsExactly(TestEvents.id(member));
        assertThat(idsOf(page(org, Map.of("from", now.minusSeconds(400).toString(),
                "to", now.minusSeconds(200).toString())))).as("from inclusive, to exclusive")
                .containsExactly(id(calls.get(2)), id(calls.get(1)));
        assertThat(idsOf(page(org, Map.of("action", "get_listing", "outcome", "SUCCESS", "keyId", keyB.toString()))))
                .containsExactly(id(calls.get(3)));

        JsonPath error = page(org, Map.of("outcome", "ERROR"));
        assertThat(error.getString("entries[0].errorType")).isEqualTo("upstream");
        assertThat(error.getString("entries[0].actor.type")).isEqualTo("API_KEY");
        assertThat(error.getString("entries[0].keyId")).isEqualTo(keyA.toString());
        assertThat(error.getInt("entries[0].latencyMs")).isEqualTo(20);
        assertThat(error.getString("entries[0].details.arguments.guestName")).isEqualTo("[REDACTED]");
        assertThat(error.getString("entries[0].traceId")).hasSize(32);
        assertThat(error.getString("entries[0].receivedAt")).isNotNull();
    }

    @Test
    void anotherOrganizationsEntriesAreNeverInTheResultsWhateverTheFilters() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID keyOfB = UUID.randomUUID();
        Call ofB = Call.of(b, keyOfB, "get_listing", "SUCCESS", 10, Instant.now());
        Call ofA = Call.of(a, UUID.randomUUID(), "get_listing", "SUCCESS", 10, Instant.now());
        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, b, TestEvents.toolInvoked(ofB)),
                TestEvents.record(TestEvents.TOOL_INVOCATIONS, a, TestEvents.toolInvoked(ofA))));
        Ingested.awaitComplete(pool, ofB.invocationId().toString());
        Ingested.awaitComplete(pool, ofA.invocationId().toString());

        assertThat(idsOf(page(a, Map.of()))).containsExactly(id(ofA));
        assertThat(idsOf(page(a, Map.of("keyId", keyOfB.toString())))).isEmpty();
        assertThat(idsOf(page(b, Map.of()))).containsExactly(id(ofB));
    }

    @Test
    void invalidParametersAreA400ProblemNamingEachParameter() {
        String path = "/internal/organizations/" + UUID.randomUUID() + "/audit-log";
        Map<String, String> cases = Map.of(
                "outcome=MAYBE", "outcome",
                "keyId=not-a-uuid", "keyId",
                "from=yesterday", "from",
                "limit=0", "limit",
                "limit=ten", "limit",
                "limit=201", "limit",
                "cursor=bm90LWEtY3Vyc29y", "cursor",
                "kind=OTHER", "kind",
                "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        cases.forEach((query, field) -> given().auth().oauth2(TestTokens.serviceToken())
                .get(path + "?" + query)
                .then().statusCode(400).contentType(startsWith(Problems.PROBLEM_JSON))
                .body("status", equalTo(400)).body("errors.field", hasItem(field)));
        given().auth().oauth2(TestTokens.serviceToken()).get("/internal/organizations/42/audit-log")
                .then().statusCode(400).body("errors.field", hasItem("organizationId"));
    }

    @Test
    void withoutTheAuditApiRoleTheLogIsClosed() {
        String path = "/internal/organizations/" + UUID.randomUUID() + "/audit-log";
        given().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenWithoutRole()).get(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.serviceToken()).get(path).then().statusCode(200);
    }

    private static JsonPath page(UUID org, Map<String, ?> query) {
        return given().auth().oauth2(TestTokens.serviceToken()).queryParams(query)
                .get("/internal/organizations/" + org + "/audit-log")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> idsOf(JsonPath page) {
        return page.getList("entries.id", String.class);
    }

    private static String id(Call call) {
        return call.invocationId().toString();
    }

    private Set<String> ids(String sql, UUID org) {
        Set<String> ids = new HashSet<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(org)).await().indefinitely()) {
            ids.add(row.getString(0));
        }
        return ids;
    }
}
