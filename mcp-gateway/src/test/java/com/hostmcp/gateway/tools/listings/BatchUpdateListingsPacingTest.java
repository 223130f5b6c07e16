package com.hostmcp.gateway.tools.listings;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A 50-item batch (more than Hostaway's 20 requests per 10 s) with the production outbound queue (2 s longest wait,
 * instead of the test profile's 12 s): the shaping refuses items as rate limited and the batch paces them until they
 * run, so every good item succeeds.
 */
@QuarkusTest
@TestProfile(BatchUpdateListingsPacingTest.ProductionShaping.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class BatchUpdateListingsPacingTest {

    public static class ProductionShaping implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.hostaway.queue-max-wait", "2s");
        }
    }

    @Test
    void fiftyItemsWithFiveBadIdsGiveFortyFiveSucceededAndFiveFailedWithRemediation() {
        TestTenant tenant = TestTenants.withOwnAccount(45);
        long base = tenant.accountId() * 10_000;
        List<Long> bad = List.of(HostawaySeedAccounts.LARGE_ACCOUNT_ID * 10_000 + 1,
                HostawaySeedAccounts.LARGE_ACCOUNT_ID * 10_000 + 2, HostawaySeedAccounts.MEDIUM_ACCOUNT_ID * 10_000 + 1,
                base + 900, base + 901);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int n = 1; n <= 45; n++) {
            items.add(Map.of("listingId", base + n, "changes", Map.of("price", 100 + n, "cleaningFee", 25)));
            if (n % 9 == 0) {
                items.add(Map.of("listingId", bad.get(n / 9 - 1), "changes", Map.of("price", 1)));
            }
        }
        assertThat(items).hasSize(50);
        double refusalsBefore = refusals();

        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            long started = System.nanoTime();
            CallToolResult result = call(client, "batch_update_listings", Map.of("items", items));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            JsonNode out = structured(result);
            double queueRefusals = refusals() - refusalsBefore;
            System.out.printf("batch_update_listings 50 items (5 bad): %s in %.1f s; %d Hostaway requests of the"
                    + " account; %.0f rate-limit refusals by the outbound queue were paced and retried%n",
                    out.get("summary"), took.toMillis() / 1000.0,
                    HostawayStandInResource.standIn().requestCount(tenant.accountId()), queueRefusals);

            assertThat(isError(result)).as(text(result)).isFalse();
            assertThat(out.get("summary").toString()).isEqualTo("{\"total\":50,\"succeeded\":45,\"failed\":5}");
            List<Long> succeeded = new ArrayList<>();
            out.get("succeeded").forEach(entry -> {
                succeeded.add(entry.get("id").asLong());
                assertThat(entry.at("/result/price").asInt()).isEqualTo(100 + (int) (entry.get("id").asLong() - base));
                assertThat(entry.at("/result/cleaningFee").asInt()).isEqualTo(25);
            });
            assertThat(succeeded).hasSize(45).allMatch(id -> id > base && id <= base + 45);
            List<Long> failed = new ArrayList<>();
            out.get("failed").forEach(entry -> {
                failed.add(entry.get("id").asLong());
                assertThat(entry.get("errorType").asText()).isEqualTo("not_found");
                assertThat(entry.get("message").asText()).isNotBlank();
                assertThat(entry.get("remediation").asText()).contains("list_listings");
            });
            assertThat(Set.copyOf(failed)).isEqualTo(Set.copyOf(bad));
            assertThat(text(result)).startsWith("Updated 45 of 50 listings, 5 failed");
            assertThat(took).isLessThan(BatchUpdateListingsTool.PACING_DEADLINE.plusSeconds(10));

            JsonNode check = structured(call(client, "get_listing", Map.of("listingId", base + 45)));
            assertThat(check.at("/listing/price").asInt()).isEqualTo(145);
        }
    }

    private static double refusals() {
        MeterRegistry registry = Arc.container().instance(MeterRegistry.class).get();
        return registry.find("hostmcp.hostaway.rate-limit.refusals").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
