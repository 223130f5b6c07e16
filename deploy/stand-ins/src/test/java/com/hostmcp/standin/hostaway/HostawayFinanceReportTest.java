package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayFinanceReportTest extends UnthrottledStandInTest {

    private static String small;

    @BeforeEach
    void resetAndLogIn() {
        small = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
    }

    private static String exampleHeader(String name) {
        return Json.resourceText(name).lines().findFirst().orElseThrow();
    }

    private static HostawayTestClient.Response report(String type, String format, String delimiter) {
        return client.postMultipart(small, "/v1/finance/report/" + type,
                List.of(Map.entry("fromDate", "2025-01-01"), Map.entry("toDate", "2027-12-31"),
                        Map.entry("dateType", "arrivalDate"), Map.entry("format", format),
                        Map.entry("sortBy", "arrivalDate"), Map.entry("sortOrder", "asc"),
                        Map.entry("delimiter", delimiter)));
    }

    @Test
    void eachCsvReportStartsWithTheHeaderOfTheDocsExample() {
        assertThat(report("standard", "csv", "tab").body().lines().findFirst().orElseThrow())
                .isEqualTo(exampleHeader("finance.report.standard.response.csv"));
        assertThat(report("consolidated", "csv", "comma").body().lines().findFirst().orElseThrow())
                .isEqualTo(exampleHeader("finance.report.consolidated.response.csv"));
        assertThat(report("calculated", "csv", "comma").body().lines().findFirst().orElseThrow())
                .isEqualTo(exampleHeader("finance.report.calculated.response.csv"));
        assertThat(report("listingFinancials", "csv", "comma").body().lines().findFirst().orElseThrow())
                .isEqualTo(exampleHeader("finance.report.listingFinancials.response.csv"));
    }

    @Test
    void theConsolidatedCsvHasOneRowPerReservationInTheRangeAndATotalsRow() {
        HostawayTestClient.Response response = report("consolidated", "csv", "comma");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        List<String> lines = response.body().lines().toList();
        int reservations = 0;
        for (JsonNode r : client.get(small, "/v1/reservations?limit=0").json().get("result")) {
            if (FinanceReports.DEFAULT_STATUSES.contains(r.get("status").asText())) {
                reservations++;
            }
        }
        assertThat(lines).hasSize(1 + reservations + 1);
        assertThat(lines.get(lines.size() - 1)).startsWith("Totals,0,0,0,0,0,");
        String[] first = lines.get(1).split(",");
        assertThat(first[0]).matches("1000100\\d{3}");
        assertThat(lines.get(1)).contains("\"(100010");
    }

    @Test
    void filtersNarrowTheReportToTheGivenListingsAndDates() {
        long listing = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(1);
        HostawayTestClient.Response response = client.postForm(small, "/v1/finance/report/consolidated",
                "listingMapIds%5B0%5D=" + listing + "&fromDate=2025-01-01&toDate=2027-12-31&format=csv&statuses%5B0%5D=new");

        List<String> lines = response.body().lines().toList();
        assertThat(lines.size()).isGreaterThan(2);
        for (String line : lines.subList(1, lines.size() - 1)) {
            assertThat(line).contains(",new,").contains("\"(" + listing + ") ");
        }
        HostawayTestClient.Response empty = client.postForm(small, "/v1/finance/report/consolidated",
                "fromDate=2019-01-30&toDate=2019-02-25&format=csv");
        assertThat(empty.body().lines().toList()).hasSize(2);
    }

    @Test
    void jsonReportsHaveTheExampleColumnsRowsTotalsAndCurrency() {
        JsonNode result = report("consolidated", "json", "comma").json().get("result");
        assertThat(result.get("columns")).isEqualTo(Json.CONSOLIDATED_JSON.get("result").get("columns"));
        assertThat(result.get("rows").size()).isPositive();
        assertThat(result.get("rows").get(0).get(0).isTextual()).isTrue();
        assertThat(result.get("totals").get(0).asText()).isEqualTo("Totals");
        assertThat(result.get("currency").asText()).isEqualTo("EUR");
        double sum = 0;
        for (JsonNode row : result.get("rows")) {
            sum += row.get(8).asDouble(); // accommodationFee
        }
        assertThat(result.get("totals").get(8).asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));

        JsonNode listings = report("listingFinancials", "json", "comma").json().get("result");
        assertThat(listings.get("columns")).isEqualTo(Json.LISTING_FINANCIALS_JSON.get("result").get("columns"));
        assertThat(listings.get("rows").size()).isBetween(1, 3);
    }

    @Test
    void unsupportedFormatsAndMissingFieldsAnswer400() {
        assertThat(report("calculated", "json", "comma").status()).isEqualTo(400);
        assertThat(report("standard", "json", "comma").status()).isEqualTo(400);
        assertThat(report("consolidated", "csv", "semicolon").status()).isEqualTo(400);
        assertThat(client.postForm(small, "/v1/finance/report/consolidated", "fromDate=2026-01-01&toDate=2026-02-01")
                .status()).isEqualTo(400);
        assertThat(client.postForm(small, "/v1/finance/report/standard", "fromDate=2026-02-01&toDate=2026-01-01")
                .status()).isEqualTo(400);
        assertThat(client.postForm(small, "/v1/finance/report/other", "format=csv").status()).isEqualTo(404);
    }
}
