package com.hostmcp.gateway.tools.reservations;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The largest responses of the reservation tools on the LARGE seeded account stay within the context budget. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class ReservationToolsBudgetTest {

    @Test
    void widestRequestsAreCutToTheBudgetWithACursorAndANote() {
        var tenant = TestTenants.connected(HostawaySeedAccounts.LARGE_ACCOUNT_ID, HostawaySeedAccounts.LARGE_SECRET);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            JsonNode summaries = measure(client, "search_reservations summary, limit 100", "search_reservations",
                    Map.of("limit", 100));
            assertThat(summaries.get("total").asInt()).isGreaterThan(1_000);

            JsonNode whole = measure(client, "search_reservations fields=all, limit 100", "search_reservations",
                    Map.of("limit", 100, "fields", List.of("all")));
            assertThat(whole.get("truncated").asBoolean()).isTrue();
            assertThat(whole.get("nextCursor").isTextual()).isTrue();
            assertThat(whole.get("note").asText()).contains("fewer fields");

            measure(client, "search_reservations status=[cancelled], limit 100", "search_reservations",
                    Map.of("limit", 100, "status", List.of("cancelled")));
            measure(client, "list_conversations fields=all, limit 100", "list_conversations",
                    Map.of("limit", 100, "fields", List.of("all")));

            JsonNode report = measure(client, "get_financial_report consolidated 2026, limit 100",
                    "get_financial_report",
                    Map.of("type", "consolidated", "fromDate", "2026-01-01", "toDate", "2026-12-31", "limit", 100));
            assertThat(report.get("rowCount").asInt()).isGreaterThan(100);
            assertThat(report.get("nextCursor").isTextual()).isTrue();
        }
    }

    private static JsonNode measure(McpSyncClient client, String label, String tool, Map<String, Object> arguments) {
        long started = System.nanoTime();
        CallToolResult result = call(client, tool, arguments);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(isError(result)).as(label + ": " + text(result)).isFalse();
        JsonNode structured = structured(result);
        int chars = structured.toString().length() + text(result).length();
        int returned = structured.path("returned").asInt();
        System.out.printf("%s: %d items/rows, %d chars (structured %d + text %d), truncated=%s, %d ms%n", label,
                returned, chars, structured.toString().length(), text(result).length(),
                structured.path("truncated").asBoolean(), millis);
        assertThat(chars).as(label).isLessThanOrEqualTo(ResponseBudget.MAX_CHARS);
        return structured;
    }
}
