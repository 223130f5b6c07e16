package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

/** Twenty organizations on five Hostaway accounts call at once; every answer holds only the caller's own data. */
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
