package com.hostmcp.gateway.tools.reservations;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
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
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** get_financial_report over MCP: Hostaway's CSV reports from the stand-in, parsed into typed rows. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class FinancialReportToolTest {

    private static final Map<String, Object> YEAR_2026 = Map.of("fromDate", "2026-01-01", "toDate", "2026-12-31");

    private static Map<String, Object> arguments(String type, Map<String, Object> more) {
        var arguments = new java.util.HashMap<String, Object>(YEAR_2026);
        arguments.put("type", type);
        arguments.putAll(more);
        return arguments;
    }

    @Test
    void consolidatedReportHasTypedRowsOfTheCallersReservationsAndTotals() {
        TestTenant tenant = TestTenants.withOwnAccount(3);
        long firstReservation = tenant.accountId() * 100_000;
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            CallToolResult result = call(client, "get_financial_report", arguments("consolidated", Map.of()));
            assertThat(isError(result)).as(text(result)).isFalse();
            JsonNode report = structured(result);

            assertThat(report.get("columns")).hasSize(36);
            assertThat(report.get("columns").get(0).get("name").asText()).isEqualTo("Reservation ID");
            assertThat(report.get("columns").get(0).get("type").asText()).isEqualTo("string");
            int rowCount = report.get("rowCount").asInt();
            assertThat(rowCount).isPositive();
            int ownerPayout = columnIndex(report, "Owner payout");
            assertThat(report.get("columns").get(ownerPayout).get("type").asText()).isEqualTo("number");
            double sum = 0;
            for (JsonNode row : report.get("rows")) {
                assertThat(Long.parseLong(row.get(0).asText())).isBetween(firstReservation, firstReservation + 99_999);
                assertThat(row.get(columnIndex(report, "Arrival date")).asText()).startsWith("2026-");
                assertThat(row.get(ownerPayout).isNumber()).isTrue();
                sum += row.get(ownerPayout).asDouble();
            }
            if (report.get("nextCursor").isNull()) {
                assertThat(report.get("totals").get("Owner payout").asDouble()).isCloseTo(sum,
                        org.assertj.core.data.Offset.offset(0.05));
            }
            assertThat(text(result)).contains("Finance report consolidated 2026-01-01..2026-12-31")
                    .contains("Owner payout");
        }
    }

    @Test
    void columnsAndLimitNarrowTheReportAndTheCursorContinuesIt() {
        // the stand-in's data follows the account id, which depends on the test order: with 2 listings some accounts
        // have only 2 reservations in 2026, and there is no second page to continue to
        TestTenant tenant = TestTenants.withOwnAccount(6);
        try (McpSyncClient client = McpClients.connect(Transport.SSE, tenant.apiKey())) {
            Map<String, Object> narrow = arguments("consolidated",
                    Map.of("columns", List.of("Reservation ID", "owner payout"), "limit", 2));
            JsonNode first = structured(call(client, "get_financial_report", narrow));
            assertThat(first.get("columns")).extracting(c -> c.get("name").asText())
                    .containsExactly("Reservation ID", "Owner payout");
            assertThat(first.get("rows")).hasSize(2).allSatisfy(row -> assertThat(row).hasSize(2));
            assertThat(first.get("totals").size()).isEqualTo(1);

            assertThat(first.get("nextCursor").isNull()).as("a second page: more than 2 rows in 2026").isFalse();
            var next = new java.util.HashMap<>(narrow);
            next.put("cursor", first.get("nextCursor").asText());
            JsonNode second = structured(call(client, "get_financial_report", next));
            assertThat(second.get("rows").get(0).get(0).asText())
                    .isNotEqualTo(first.get("rows").get(1).get(0).asText());

            JsonNode listings = structured(call(client, "get_financial_report", arguments("listingFinancials",
                    Map.of("listingIds", List.of(tenant.accountId() * 10_000 + 1)))));
            assertThat(listings.get("rowCount").asInt()).isEqualTo(1);

            JsonNode standard = structured(call(client, "get_financial_report", arguments("standard",
                    Map.of("statuses", List.of("new"), "dateType", "departureDate", "limit", 5))));
            assertThat(standard.get("columns")).extracting(c -> c.get("name").asText()).contains("Description",
                    "Amount");
            assertThat(standard.get("totals").isNull()).isTrue();
            assertThat(standard.get("rows").get(0).get(columnIndex(standard, "Status")).asText()).isEqualTo("new");

            CallToolResult otherFilters = call(client, "get_financial_report",
                    Map.of("type", "standard", "fromDate", "2026-01-01", "toDate", "2026-12-31", "cursor",
                            first.get("nextCursor").asText()));
            assertThat(errorType(otherFilters)).isEqualTo("validation");
        }
    }

    @Test
    void invalidPeriodsAndUnknownColumnsAreValidationErrors() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            CallToolResult backwards = call(client, "get_financial_report",
                    Map.of("type", "consolidated", "fromDate", "2026-03-01", "toDate", "2026-02-01"));
            assertThat(errorType(backwards)).isEqualTo("validation");
            assertThat(text(backwards)).contains("toDate");

            CallToolResult unknownColumn = call(client, "get_financial_report",
                    arguments("listingFinancials", Map.of("columns", List.of("Profit"))));
            assertThat(errorType(unknownColumn)).isEqualTo("validation");
            assertThat(text(unknownColumn)).contains("Profit").contains("Owner payout");

            CallToolResult badType = call(client, "get_financial_report", arguments("monthly", Map.of()));
            assertThat(errorType(badType)).isEqualTo("validation");
        }
    }

    @Test
    void aFailingReportEndpointPointsToTheFinancialSummary() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            HostawayStandInResource.standIn().failNext(tenant.accountId(), 1, 400);
            CallToolResult refused = call(client, "get_financial_report", arguments("consolidated", Map.of()));
            assertThat(errorType(refused)).isEqualTo("upstream");
            assertThat(text(refused)).contains("get_financial_summary").contains("not be enabled");

            // 503 on every attempt (first try and the client's retries)
            HostawayStandInResource.standIn().failNext(tenant.accountId(), 4, 503);
            CallToolResult unavailable = call(client, "get_financial_report", arguments("consolidated", Map.of()));
            assertThat(errorType(unavailable)).isEqualTo("upstream");
            assertThat(text(unavailable)).contains("get_financial_summary");
        }
    }

    private static int columnIndex(JsonNode report, String title) {
        JsonNode columns = report.get("columns");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).get("name").asText().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no column " + title);
    }
}
