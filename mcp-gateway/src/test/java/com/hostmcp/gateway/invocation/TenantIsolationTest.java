package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Twenty organizations on five Hostaway accounts call at once and every answer holds only the caller's own data; one
 * organization given another's ids gets not_found from every tool and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class TenantIsolationTest {

    @Test
    void twentyOrganizationsOnFiveAccountsCallingConcurrentlySeeOnlyTheirOwnAccount() throws Exception {
        List<TestTenant> tenants = new ArrayList<>();
        List<TestTenant> accounts = List.of(
                TestTenants.connected(HostawaySeedAccounts.SMALL_ACCOUNT_ID, HostawaySeedAccounts.SMALL_SECRET),
                TestTenants.connected(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID, HostawaySeedAccounts.MEDIUM_SECRET),
                TestTenants.connected(HostawaySeedAccounts.LARGE_ACCOUNT_ID, HostawaySeedAccounts.LARGE_SECRET),
                TestTenants.withOwnAccount(4), TestTenants.withOwnAccount(6));
        for (int i = 0; i < 20; i++) {
            TestTenant account = accounts.get(i % accounts.size());
            tenants.add(i < accounts.size() ? account
                    : TestTenants.connected(account.accountId(), account.secret()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < tenants.size(); i++) {
            TestTenant tenant = tenants.get(i);
            Transport transport = i % 2 == 0 ? Transport.STREAMABLE_HTTP : Transport.SSE;
            results.add(pool.submit(() -> mismatches(tenant, transport)));
        }
        List<String> mismatches = new ArrayList<>();
        for (Future<List<String>> result : results) {
            mismatches.addAll(result.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(mismatches).as("responses holding another account's ids").isEmpty();
    }

    @Test
    void anotherOrganizationsIdsAreNotFoundThroughEveryToolThatTakesAnIdAndItsDataStaysUnchanged() {
        TestTenant intruder = TestTenants.withOwnAccount(2);
        TestTenant victim = TestTenants.withOwnAccount(2);
        long listing = victim.accountId() * 10_000 + 1;
        String tomorrow = LocalDate.now().plusDays(1).toString();
        String nextWeek = LocalDate.now().plusDays(7).toString();
        try (McpSyncClient own = McpClients.connect(Transport.STREAMABLE_HTTP, victim.apiKey());
                McpSyncClient other = McpClients.connect(Transport.SSE, intruder.apiKey())) {
            JsonNode reservation = structured(call(own, "search_reservations", Map.of("limit", 1))).path("items")
                    .get(0);
            long reservationId = reservation.path("id").asLong();
            long conversationId = structured(call(own, "list_conversations", Map.of("limit", 1))).path("items")
                    .get(0).path("id").asLong();
            String listingBefore = text(call(own, "get_listing", Map.of("listingId", listing)));
            String calendarBefore = text(call(own, "check_availability", Map.of("listingId", listing, "startDate",
                    tomorrow, "endDate", nextWeek)));
            String messagesBefore = text(call(own, "get_conversation_messages", Map.of("conversationId",
                    conversationId)));
            String listingName = structured(call(own, "get_listing", Map.of("listingId", listing))).at("/listing/name")
                    .asText();

            Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
            byId.put("get_listing", Map.of("listingId", listing));
            byId.put("check_availability", Map.of("listingId", listing, "startDate", tomorrow, "endDate", nextWeek));
            byId.put("update_calendar", Map.of("listingId", listing, "intervals", List.of(Map.of("startDate",
                    tomorrow, "endDate", nextWeek, "available", false, "price", 1))));
            byId.put("get_reservation", Map.of("reservationId", reservationId));
            byId.put("get_guest", Map.of("reservationId", reservationId));
            byId.put("get_conversation_messages", Map.of("conversationId", conversationId));
            byId.put("send_guest_message", Map.of("conversationId", conversationId, "body", "Your door code is 1234"));
            byId.put("get_financial_summary", Map.of("fromDate", "2026-01-01", "toDate", "2026-12-31", "listingIds",
                    List.of(listing)));
            assertThat(listingName).isNotBlank();
            List<String> answered = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> tool : byId.entrySet()) {
                CallToolResult result = call(other, tool.getKey(), tool.getValue());
                if (!"not_found".equals(errorType(result))) {
                    answered.add(tool.getKey() + " -> " + text(result));
                }
                assertThat(text(result)).doesNotContain(listingName);
            }
            CallToolResult batch = call(other, "batch_update_listings", Map.of("items", List.of(Map.of("listingId",
                    listing, "changes", Map.of("name", "Taken over")))));
            CallToolResult filtered = call(other, "search_reservations", Map.of("listingId", listing));
            CallToolResult conversations = call(other, "list_conversations", Map.of("reservationId", reservationId));

            assertThat(answered).as("tools that did not answer not_found").isEmpty();
            assertThat(structured(batch).path("failed").get(0).path("errorType").asText()).isEqualTo("not_found");
            assertThat(structured(batch).path("succeeded")).isEmpty();
            assertThat(structured(filtered).path("items")).isEmpty();
            assertThat(structured(conversations).path("items")).isEmpty();
            assertThat(text(call(own, "get_listing", Map.of("listingId", listing)))).isEqualTo(listingBefore);
            assertThat(text(call(own, "check_availability", Map.of("listingId", listing, "startDate", tomorrow,
                    "endDate", nextWeek)))).isEqualTo(calendarBefore);
            assertThat(text(call(own, "get_conversation_messages", Map.of("conversationId", conversationId))))
                    .isEqualTo(messagesBefore);
        }
    }

    /** Ids in this tenant's answers that do not belong to its account (ids encode their account in the stand-in). */
    private static List<String> mismatches(TestTenant tenant, Transport transport) {
        List<String> wrong = new ArrayList<>();
        try (McpSyncClient client = McpClients.connect(transport, tenant.apiKey())) {
            CallToolResult listings = call(client, "list_listings", Map.of("limit", 10));
            CallToolResult reservations = call(client, "search_reservations", Map.of("limit", 10));
            assertThat(isError(listings)).as(text(listings)).isFalse();
            assertThat(isError(reservations)).as(text(reservations)).isFalse();
            JsonNode listingItems = structured(listings).get("items");
            JsonNode reservationItems = structured(reservations).get("items");
            assertThat(listingItems.size()).isPositive();
            for (JsonNode item : listingItems) {
                if (item.get("id").asLong() / 10_000 != tenant.accountId()) {
                    wrong.add("listing " + item.get("id") + " for account " + tenant.accountId());
                }
            }
            for (JsonNode item : reservationItems) {
                if (item.get("id").asLong() / 100_000 != tenant.accountId()
                        || item.get("listingMapId").asLong() / 10_000 != tenant.accountId()) {
                    wrong.add("reservation " + item.get("id") + " for account " + tenant.accountId());
                }
            }
            if (!reservationItems.isEmpty()) {
                long first = reservationItems.get(0).get("id").asLong();
                JsonNode guest = structured(call(client, "get_guest", Map.of("reservationId", first)));
                if (guest.has("reservationId") && guest.get("reservationId").asLong() != first) {
                    wrong.add("guest of reservation " + guest.get("reservationId") + " for " + first);
                }
            }
        }
        return wrong;
    }
}
