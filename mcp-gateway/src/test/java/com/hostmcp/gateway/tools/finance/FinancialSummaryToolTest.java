package com.hostmcp.gateway.tools.finance;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * get_financial_summary over MCP against the Hostaway stand-in. The SMALL account's figures are checked against a
 * calculation made here, night by night, from the reservations the stand-in returns over plain HTTP. Structured
 * results are checked against the output schema by the SDK client.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinancialSummaryToolTest {

    private static final Logger LOG = Logger.getLogger(FinancialSummaryToolTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SMALL = HostawaySeedAccounts.SMALL_ACCOUNT_ID;
    private static final long BERLIN = SMALL * 10_000 + 1;
    private static final long HAMBURG = SMALL * 10_000 + 2;
    private static final long ARCHIVED_MUNICH = SMALL * 10_000 + 3;

    private TestTenant small;

    @BeforeAll
    void connect() {
        small = TestTenants.connected(SMALL, HostawaySeedAccounts.SMALL_SECRET);
    }

    private static CallToolResult summary(McpSyncClient client, Map<String, Object> arguments) {
        return call(client, "get_financial_summary", arguments);
    }

    @Test
    void theSmallAccountsFiguresEqualANightByNightCalculationFromItsReservations() throws Exception {
        List<JsonNode> reservations = standInRows(SMALL, HostawaySeedAccounts.SMALL_SECRET, "/v1/reservations");
        // a period that cuts a sold stay of the active listings at each end, so that both boundaries are prorated
        List<JsonNode> cuttable = reservations.stream()
                .filter(r -> Set.of(BERLIN, HAMBURG).contains(r.get("listingMapId").asLong()))
                .filter(r -> Set.of("new", "modified").contains(r.get("status").asText()))
                .filter(r -> nights(r) >= 2).sorted((a, b) -> arrival(a).compareTo(arrival(b))).toList();
        LocalDate fromDate = arrival(cuttable.get(0)).plusDays(1);
        LocalDate toDate = arrival(cuttable.get(cuttable.size() - 1));
        assertThat(toDate).isAfter(fromDate).isBefore(fromDate.plusDays(366));

        JsonNode result;
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, small.apiKey())) {
            CallToolResult call = summary(client,
                    Map.of("fromDate", fromDate.toString(), "toDate", toDate.toString()));
            assertThat(isError(call)).as(text(call)).isFalse();
            result = structured(call);
            assertThat(text(call)).startsWith("Financial summary " + fromDate + ".." + toDate)
                    .contains("EUR total: revenue ");
        }

        int periodNights = (int) (toDate.toEpochDay() - fromDate.toEpochDay() + 1);
        assertThat(result.get("periodNights").asInt()).isEqualTo(periodNights);
        assertThat(result.get("items")).extracting(row -> row.get("listingId").asLong())
                .as("the archived listing is left out").containsExactlyInAnyOrder(BERLIN, HAMBURG);
        BigDecimal totalRevenue = BigDecimal.ZERO;
        BigDecimal totalCleaning = BigDecimal.ZERO;
        BigDecimal totalPrice = BigDecimal.ZERO;
        int totalSold = 0;
        int totalAvailable = 0;
        int totalReservations = 0;
        Map<String, Integer> excluded = new TreeMap<>();
        for (long listingId : List.of(BERLIN, HAMBURG)) {
            Expected expected = expected(reservations, listingId, fromDate, toDate, excluded);
            JsonNode row = rowOf(result, listingId);
            assertThat(row.get("currency").asText()).isEqualTo("EUR");
            assertThat(row.get("archived").asBoolean()).isFalse();
            assertThat(row.get("listingName").asText()).isNotBlank();
            assertThat(money(row, "revenue")).as("revenue of %d", listingId).isEqualByComparingTo(expected.revenue);
            assertThat(money(row, "cleaningFees")).isEqualByComparingTo(expected.cleaning);
            assertThat(money(row, "totalPrice")).isEqualByComparingTo(expected.totalPrice);
            assertThat(row.get("nightsSold").asInt()).isEqualTo(expected.nightsSold);
            assertThat(row.get("ownerStayNights").asInt()).isEqualTo(expected.ownerNights);
            assertThat(row.get("nightsAvailable").asInt()).isEqualTo(periodNights - expected.ownerNights);
            assertThat(row.get("reservations").asInt()).isEqualTo(expected.reservations);
            assertThat(money(row, "adr")).isEqualByComparingTo(
                    expected.revenue.divide(BigDecimal.valueOf(expected.nightsSold), 2, RoundingMode.HALF_UP));
            assertThat(money(row, "occupancy")).isEqualByComparingTo(BigDecimal.valueOf(expected.nightsSold)
                    .divide(BigDecimal.valueOf(periodNights - expected.ownerNights), 4, RoundingMode.HALF_UP));
            totalRevenue = totalRevenue.add(expected.revenue);
            totalCleaning = totalCleaning.add(expected.cleaning);
            totalPrice = totalPrice.add(expected.totalPrice);
            totalSold += expected.nightsSold;
            totalAvailable += periodNights - expected.ownerNights;
            totalReservations += expected.reservations;
        }
        assertThat(result.get("totals")).hasSize(1);
        JsonNode eur = result.get("totals").get(0);
        assertThat(eur.get("currency").asText()).isEqualTo("EUR");
        assertThat(eur.get("listings").asInt()).isEqualTo(2);
        assertThat(money(eur, "revenue")).isEqualByComparingTo(totalRevenue);
        assertThat(money(eur, "cleaningFees")).isEqualByComparingTo(totalCleaning);
        assertThat(money(eur, "totalPrice")).isEqualByComparingTo(totalPrice);
        assertThat(eur.get("nightsSold").asInt()).isEqualTo(totalSold);
        assertThat(eur.get("nightsAvailable").asInt()).isEqualTo(totalAvailable);
        assertThat(eur.get("reservations").asInt()).isEqualTo(totalReservations);
        assertThat(money(eur, "adr")).isEqualByComparingTo(
                totalRevenue.divide(BigDecimal.valueOf(totalSold), 2, RoundingMode.HALF_UP));
        assertThat(money(result.get("overall"), "occupancy")).isEqualByComparingTo(BigDecimal.valueOf(totalSold)
                .divide(BigDecimal.valueOf(totalAvailable), 4, RoundingMode.HALF_UP));
        Map<String, Integer> reported = new TreeMap<>();
        result.get("excludedReservations").fields()
                .forEachRemaining(entry -> reported.put(entry.getKey(), entry.getValue().asInt()));
        assertThat(reported).isEqualTo(excluded);
        assertThat(result.get("total").asInt()).isEqualTo(2);
        assertThat(result.get("nextCursor").isNull()).isTrue();
        assertThat(result.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void anArchivedListingCountsWhenNamedAndRowsPageWithTheCursor() {
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, small.apiKey())) {
            JsonNode archived = structured(summary(client, Map.of("fromDate", "2025-01-01", "toDate", "2025-12-31",
                    "listingIds", List.of(ARCHIVED_MUNICH))));
            assertThat(archived.get("items")).singleElement().satisfies(row -> {
                assertThat(row.get("listingId").asLong()).isEqualTo(ARCHIVED_MUNICH);
                assertThat(row.get("archived").asBoolean()).isTrue();
            });

            Map<String, Object> arguments = Map.of("fromDate", "2025-10-01", "toDate", "2026-09-30", "limit", 1);
            JsonNode first = structured(summary(client, arguments));
            assertThat(first.get("returned").asInt()).isEqualTo(1);
            assertThat(first.get("total").asInt()).isEqualTo(2);
            String cursor = first.get("nextCursor").asText();
            Map<String, Object> nextArguments = new HashMap<>(arguments);
            nextArguments.put("cursor", cursor);
            JsonNode second = structured(summary(client, nextArguments));
            assertThat(second.get("nextCursor").isNull()).isTrue();
            Set<Long> listings = new HashSet<>(List.of(first.get("items").get(0).get("listingId").asLong(),
                    second.get("items").get(0).get("listingId").asLong()));
            assertThat(listings).containsExactlyInAnyOrder(BERLIN, HAMBURG);
            assertThat(second.get("totals")).isEqualTo(first.get("totals"));

            nextArguments.put("currency", "EUR");
            CallToolResult otherArguments = summary(client, nextArguments);
            assertThat(errorType(otherArguments)).isEqualTo("validation");
            assertThat(text(otherArguments)).contains("cursor");
        }
    }

    @Test
    void unknownListingsAreNotFoundAndBackwardPeriodsAreRefused() {
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, small.apiKey())) {
            // the MEDIUM account's first listing exists, but not for this organization
            long foreign = HostawaySeedAccounts.MEDIUM_ACCOUNT_ID * 10_000 + 1;
            CallToolResult unknown = summary(client, Map.of("fromDate", "2026-01-01", "toDate", "2026-01-31",
                    "listingIds", List.of(BERLIN, foreign)));
            assertThat(errorType(unknown)).isEqualTo("not_found");
            assertThat(text(unknown)).contains(Long.toString(foreign)).contains("list_listings")
                    .doesNotContain(Long.toString(BERLIN));

            CallToolResult backwards = summary(client, Map.of("fromDate", "2026-02-01", "toDate", "2026-01-31"));
            assertThat(errorType(backwards)).isEqualTo("validation");
            assertThat(text(backwards)).contains("toDate").contains("fromDate").contains("on or after");

            CallToolResult tooLong = summary(client, Map.of("fromDate", "2026-01-01", "toDate", "2027-01-05"));
            assertThat(errorType(tooLong)).isEqualTo("validation");
            assertThat(text(tooLong)).contains("366");

            CallToolResult notADate = summary(client, Map.of("fromDate", "2026-13-01", "toDate", "2026-12-31"));
            assertThat(errorType(notADate)).isEqualTo("validation");
        }
    }

    @Test
    void anAccountWithMoreThan5000ReservationsInThePeriodIsToldToNarrowInsteadOfGettingPartialNumbers() {
        // about 5-8 reservations per listing over 2025-2027: a year of 3,000 listings overlaps far more than 5,000
        TestTenant huge = TestTenants.withOwnAccount(3_000);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, huge.apiKey())) {
            int before = HostawayStandInResource.standIn().requestCount(huge.accountId());
            CallToolResult tooMany = summary(client, Map.of("fromDate", "2026-01-01", "toDate", "2026-12-31"));
            int requests = HostawayStandInResource.standIn().requestCount(huge.accountId()) - before;

            assertThat(errorType(tooMany)).isEqualTo("validation");
            assertThat(text(tooMany)).contains("More than 5000 reservations").contains("shorter period")
                    .contains("listingIds");
            LOG.infof("5,000-reservation bound: refused after %d Hostaway requests", requests);
            // token + 6 listing pages + 11 reservation pages of 500 is what walking past 5,000 would cost at least
            assertThat(requests).as("refused on the first reservation page's count, no walk").isLessThan(18);
        }
    }

    @Test
    void theMediumAccountHasOneTotalPerCurrency() {
        TestTenant medium = TestTenants.connected(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID,
                HostawaySeedAccounts.MEDIUM_SECRET);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, medium.apiKey())) {
            JsonNode all = structured(summary(client, Map.of("fromDate", "2025-10-01", "toDate", "2026-09-30")));
            assertThat(all.get("totals")).extracting(total -> total.get("currency").asText())
                    .containsExactly("EUR", "USD");
            assertThat(all.get("total").asInt()).isEqualTo(10);
            for (JsonNode total : all.get("totals")) {
                BigDecimal rows = BigDecimal.ZERO;
                for (JsonNode row : all.get("items")) {
                    if (row.get("currency").equals(total.get("currency"))) {
                        rows = rows.add(money(row, "revenue"));
                    }
                }
                assertThat(money(total, "revenue")).as("a total adds up its rows only").isEqualByComparingTo(rows);
            }

            JsonNode usd = structured(summary(client,
                    Map.of("fromDate", "2025-10-01", "toDate", "2026-09-30", "currency", "usd")));
            assertThat(usd.get("currency").asText()).isEqualTo("USD");
            assertThat(usd.get("totals")).singleElement()
                    .satisfies(total -> assertThat(total).isEqualTo(all.get("totals").get(1)));
        }
    }

    @Test
    void aFullYearOfTheLargeAccountTakesFewHostawayRequests() {
        TestTenant large = TestTenants.connected(HostawaySeedAccounts.LARGE_ACCOUNT_ID,
                HostawaySeedAccounts.LARGE_SECRET);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, large.apiKey())) {
            Map<String, Object> fullYear = Map.of("fromDate", "2026-01-01", "toDate", "2026-12-31");
            int before = HostawayStandInResource.standIn().requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID);
            long started = System.nanoTime();
            CallToolResult call = summary(client, fullYear);
            long millis = (System.nanoTime() - started) / 1_000_000;
            int requests = HostawayStandInResource.standIn().requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID)
                    - before;
            // again, with the token cached and the stand-in's lazily generated data in place
            int beforeWarm = HostawayStandInResource.standIn().requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID);
            long startedWarm = System.nanoTime();
            assertThat(isError(summary(client, fullYear))).isFalse();
            long warmMillis = (System.nanoTime() - startedWarm) / 1_000_000;
            int warmRequests = HostawayStandInResource.standIn()
                    .requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID) - beforeWarm;
            assertThat(isError(call)).as(text(call)).isFalse();
            JsonNode result = structured(call);
            int reservations = result.get("overall").get("reservations").asInt();
            int excluded = 0;
            for (JsonNode count : result.get("excludedReservations")) {
                excluded += count.asInt();
            }
            LOG.infof("get_financial_summary LARGE account, 2026-01-01..2026-12-31: first call %d Hostaway requests"
                    + " (token included) in %d ms, second call %d requests in %d ms; %d listings, %d sold + %d not"
                    + " counted reservations, %d chars of structured content", requests, millis, warmRequests,
                    warmMillis, result.get("total").asInt(), reservations, excluded, result.toString().length());
            assertThat(result.get("total").asInt()).isEqualTo(500);
            assertThat(result.get("returned").asInt()).isEqualTo(50);
            assertThat(result.get("nextCursor").isNull()).isFalse();
            assertThat(reservations).isGreaterThan(500);
            // token + 2 listing pages + 2 reservation pages of 500 (986 overlap 2026); then without the token
            assertThat(requests).isBetween(4, 6);
            assertThat(warmRequests).isBetween(3, 5);
            assertThat(result.toString().length() + text(call).length()).isLessThan(25_000);
        }
    }

    /** What the summary must say about one listing, computed night by night. */
    private record Expected(BigDecimal revenue, BigDecimal cleaning, BigDecimal totalPrice, int nightsSold,
            int ownerNights, int reservations) {
    }

    private static Expected expected(List<JsonNode> reservations, long listingId, LocalDate fromDate,
            LocalDate toDate, Map<String, Integer> excluded) {
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal cleaning = BigDecimal.ZERO;
        BigDecimal totalPrice = BigDecimal.ZERO;
        int nightsSold = 0;
        int count = 0;
        Set<LocalDate> ownerNights = new HashSet<>();
        for (JsonNode r : reservations) {
            if (r.get("listingMapId").asLong() != listingId) {
                continue;
            }
            List<LocalDate> inside = new ArrayList<>();
            for (LocalDate night = arrival(r); night
                    .isBefore(LocalDate.parse(r.get("departureDate").asText())); night = night.plusDays(1)) {
                if (!night.isBefore(fromDate) && !night.isAfter(toDate)) {
                    inside.add(night);
                }
            }
            if (inside.isEmpty()) {
                continue;
            }
            String status = r.get("status").asText();
            if (status.equals("ownerStay")) {
                ownerNights.addAll(inside);
            } else if (status.equals("new") || status.equals("modified")) {
                revenue = revenue.add(prorated(baseRate(r), inside.size(), nights(r)));
                cleaning = cleaning.add(prorated(r.get("cleaningFee").decimalValue(), inside.size(), nights(r)));
                totalPrice = totalPrice.add(prorated(r.get("totalPrice").decimalValue(), inside.size(), nights(r)));
                nightsSold += inside.size();
                count++;
            } else {
                excluded.merge(status, 1, Integer::sum);
            }
        }
        return new Expected(revenue, cleaning, totalPrice, nightsSold, ownerNights.size(), count);
    }

    private static BigDecimal prorated(BigDecimal amount, int inside, int nights) {
        return amount.multiply(BigDecimal.valueOf(inside)).divide(BigDecimal.valueOf(nights), 2,
                RoundingMode.HALF_UP);
    }

    private static BigDecimal baseRate(JsonNode reservation) {
        for (JsonNode field : reservation.get("financeField")) {
            if (field.get("name").asText().equals("baseRate")) {
                return field.get("total").decimalValue();
            }
        }
        throw new AssertionError("the stand-in gives every sold reservation a baseRate");
    }

    private static LocalDate arrival(JsonNode reservation) {
        return LocalDate.parse(reservation.get("arrivalDate").asText());
    }

    private static int nights(JsonNode reservation) {
        return (int) (LocalDate.parse(reservation.get("departureDate").asText()).toEpochDay()
                - arrival(reservation).toEpochDay());
    }

    private static JsonNode rowOf(JsonNode result, long listingId) {
        for (JsonNode row : result.get("items")) {
            if (row.get("listingId").asLong() == listingId) {
                return row;
            }
        }
        throw new AssertionError("no row for listing " + listingId);
    }

    private static BigDecimal money(JsonNode node, String field) {
        return node.get(field).decimalValue();
    }

    /** Every row of a stand-in list endpoint, read with a token of its own over plain HTTP. */
    private static List<JsonNode> standInRows(long accountId, String secret, String path)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String base = HostawayStandInResource.standIn().baseUrl();
        String form = "grant_type=client_credentials&scope=general&client_id=" + accountId + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/accessTokens"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(token.body()).get("access_token").asText();
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + path + "?limit=1000"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode envelope = JSON.readTree(list.body());
        assertThat(envelope.get("status").asText()).isEqualTo("success");
        List<JsonNode> rows = new ArrayList<>();
        envelope.get("result").forEach(rows::add);
        assertThat(rows).hasSize(envelope.get("count").asInt());
        return rows;
    }
}
