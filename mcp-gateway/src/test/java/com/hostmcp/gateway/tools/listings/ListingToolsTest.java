package com.hostmcp.gateway.tools.listings;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The listing tools over MCP against the Hostaway stand-in. Reads use the seeded accounts; writes use an account of
 * their own ({@link TestTenants#withOwnAccount}) so that the seeded data other tests read stays as seeded. The SDK
 * client checks every structured result against the tool's output schema.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class ListingToolsTest {

    private static final long MEDIUM = HostawaySeedAccounts.MEDIUM_ACCOUNT_ID;
    private static final long LARGE = HostawaySeedAccounts.LARGE_ACCOUNT_ID;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private static McpSyncClient medium;
    private static McpSyncClient large;
    private static McpSyncClient own;
    private static TestTenant ownTenant;

    @BeforeAll
    static void connect() {
        medium = McpClients.connect(Transport.STREAMABLE_HTTP,
                TestTenants.connected(MEDIUM, HostawaySeedAccounts.MEDIUM_SECRET).apiKey());
        large = McpClients.connect(Transport.STREAMABLE_HTTP,
                TestTenants.connected(LARGE, HostawaySeedAccounts.LARGE_SECRET).apiKey());
        ownTenant = TestTenants.withOwnAccount(5);
        own = McpClients.connect(Transport.SSE, ownTenant.apiKey());
    }

    @AfterAll
    static void close() {
        for (McpSyncClient client : new McpSyncClient[] { medium, large, own }) {
            if (client != null) {
                client.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ list_listings

    @Test
    void aFiftyListingPageOfSummariesIsAtLeast80PercentSmallerThanHostawaysJson() throws Exception {
        CallToolResult result = call(large, "list_listings", Map.of("limit", 50));
        JsonNode out = structured(result);

        String raw = rawHostaway(LARGE, HostawaySeedAccounts.LARGE_SECRET, "/v1/listings?limit=50&offset=0");
        JsonNode rawPage = ToolSchemas.JSON.readTree(raw);
        int summaryChars = out.toString().length();
        int responseChars = summaryChars + text(result).length();
        double reduction = 1 - (double) summaryChars / raw.length();
        System.out.printf("list_listings 50 items, account %d: raw Hostaway JSON %d chars, structured summary %d chars"
                + " (%.1f%% smaller), structured + text %d chars (%.1f%% smaller)%n", LARGE, raw.length(),
                summaryChars, reduction * 100, responseChars, (1 - (double) responseChars / raw.length()) * 100);

        assertThat(isError(result)).as(text(result)).isFalse();
        assertThat(out.get("returned").asInt()).isEqualTo(50);
        assertThat(ids(out.get("items"))).isEqualTo(ids(rawPage.get("result")));
        assertThat(out.at("/items/0/id").asLong()).isEqualTo(LARGE * 10_000 + 1);
        assertThat(out.at("/items/0/name").asText()).isEqualTo(rawPage.at("/result/0/name").asText());
        assertThat(out.at("/items/0/price").decimalValue()).isEqualByComparingTo(rawPage.at("/result/0/price")
                .decimalValue());
        assertThat(reduction).isGreaterThanOrEqualTo(0.80);
        assertThat(responseChars).isLessThanOrEqualTo((int) (raw.length() * 0.20));
    }

    @Test
    void theCursorContinuesTheSameFiltersAndRefusesOthers() {
        JsonNode first = structured(call(large, "list_listings", Map.of("limit", 30, "country", "US")));
        String cursor = first.get("nextCursor").asText();
        JsonNode second = structured(call(large, "list_listings", Map.of("limit", 30, "country", "US",
                "cursor", cursor)));

        List<Long> firstIds = ids(first.get("items"));
        List<Long> secondIds = ids(second.get("items"));
        assertThat(firstIds).hasSize(30).allMatch(id -> id / 10_000 == LARGE);
        assertThat(secondIds).isNotEmpty().allMatch(id -> id > firstIds.get(29));
        assertThat(second.get("items")).allMatch(item -> item.get("countryCode").asText().equals("US"));

        CallToolResult refused = call(large, "list_listings", Map.of("country", "PT", "cursor", cursor));
        assertThat(errorType(refused)).isEqualTo("validation");
        assertThat(text(refused)).contains("other filters").contains("What to do");

        CallToolResult foreign = call(medium, "list_listings", Map.of("country", "US", "cursor", cursor));
        assertThat(errorType(foreign)).isEqualTo("validation");
    }

    @Test
    void archivedListingsAreHiddenUnlessAskedForAndFieldsWidenTheItems() {
        JsonNode active = structured(call(medium, "list_listings", Map.of()));
        assertThat(active.get("returned").asInt()).isEqualTo(10);
        assertThat(active.get("total").asInt()).isEqualTo(10);
        assertThat(active.get("items")).noneMatch(item -> item.get("archived").asBoolean());
        assertThat(active.get("note").asText()).contains("2 archived");

        JsonNode all = structured(call(medium, "list_listings", Map.of("includeArchived", true, "fields",
                List.of("minNights", "timeZoneName"))));
        assertThat(all.get("total").asInt()).isEqualTo(12);
        assertThat(ids(all.get("items"))).contains(MEDIUM * 10_000 + 11, MEDIUM * 10_000 + 12);
        assertThat(all.at("/items/11/archived").asBoolean()).isTrue();
        assertThat(all.at("/items/0/minNights").isInt()).isTrue();
        assertThat(all.at("/items/0/timeZoneName").asText()).contains("/");

        JsonNode lisbon = structured(call(medium, "list_listings", Map.of("city", "Lisbon", "guests", 2)));
        assertThat(lisbon.get("items")).isNotEmpty().allMatch(item -> item.get("city").asText().equals("Lisbon")
                && item.get("personCapacity").asInt() >= 2);
    }

    @Test
    void listArgumentsAreValidated() {
        CallToolResult badSort = call(medium, "list_listings", Map.of("sortOrder", "price", "limit", 500));
        assertThat(errorType(badSort)).isEqualTo("validation");
        assertThat(text(badSort)).contains("sortOrder").contains("limit");

        CallToolResult badRange = call(medium, "list_listings", Map.of("availableFrom",
                today.plusDays(10).toString(), "availableTo", today.plusDays(5).toString()));
        assertThat(errorType(badRange)).isEqualTo("validation");
        assertThat(text(badRange)).contains("availableTo");
    }

    // ------------------------------------------------------------------------------------------------ get_listing

    @Test
    void getListingShowsTheDefaultGroupsOfTheCallersListing() {
        long id = MEDIUM * 10_000 + 3;
        CallToolResult result = call(medium, "get_listing", Map.of("listingId", id));
        JsonNode listing = structured(result).get("listing");

        assertThat(isError(result)).as(text(result)).isFalse();
        assertThat(listing.get("id").asLong()).isEqualTo(id);
        assertThat(listing.get("archived").asBoolean()).isFalse();
        assertThat(listing.has("timeZoneName")).isTrue();
        assertThat(listing.has("maxNights")).isTrue();
        assertThat(listing.has("wifiPassword")).isFalse();
        assertThat(text(result)).startsWith("#" + id + " " + listing.get("name").asText());

        JsonNode access = structured(call(medium, "get_listing", Map.of("listingId", id, "fields", List.of(
                "access")))).get("listing");
        assertThat(access.get("wifiUsername").asText()).isNotBlank();
        assertThat(access.has("timeZoneName")).isFalse();

        JsonNode archived = structured(call(medium, "get_listing", Map.of("listingId", MEDIUM * 10_000 + 12)));
        assertThat(archived.at("/listing/archived").asBoolean()).isTrue();
    }

    @Test
    void aListingOfAnotherAccountIsNotFound() {
        CallToolResult result = call(medium, "get_listing", Map.of("listingId", LARGE * 10_000 + 1));

        assertThat(errorType(result)).isEqualTo("not_found");
        assertThat(text(result)).contains("What to do");

        CallToolResult invalid = call(medium, "get_listing", Map.of("listingId", "abc", "fields", List.of("x")));
        assertThat(errorType(invalid)).isEqualTo("validation");
    }

    // ------------------------------------------------------------------------------------------------ calendar

    @Test
    void checkAvailabilityFoldsTheCalendarAndMatchesHostawaysDays() throws Exception {
        long id = MEDIUM * 10_000 + 1;
        LocalDate start = today.plusDays(7);
        LocalDate end = start.plusDays(60);
        CallToolResult result = call(medium, "check_availability", Map.of("listingId", id, "startDate",
                start.toString(), "endDate", end.toString()));
        JsonNode out = structured(result);

        assertThat(isError(result)).as(text(result)).isFalse();
        assertThat(out.at("/summary/nights").asInt()).isEqualTo(60);
        int nights = 0;
        LocalDate expected = start;
        for (JsonNode range : out.get("ranges")) {
            assertThat(range.get("firstNight").asText()).isEqualTo(expected.toString());
            nights += range.get("nights").asInt();
            expected = LocalDate.parse(range.get("lastNight").asText()).plusDays(1);
        }
        assertThat(nights).isEqualTo(60);
        assertThat(expected).isEqualTo(end);

        JsonNode raw = ToolSchemas.JSON.readTree(rawHostaway(MEDIUM, HostawaySeedAccounts.MEDIUM_SECRET,
                "/v1/listings/" + id + "/calendar?startDate=" + start + "&endDate=" + end.minusDays(1)));
        long rawAvailable = 0;
        for (JsonNode day : raw.get("result")) {
            rawAvailable += day.get("status").asText().equals("available") ? 1 : 0;
        }
        assertThat(out.at("/summary/availableNights").asLong()).isEqualTo(rawAvailable);
        assertThat(out.at("/summary/minPrice").asDouble()).isPositive();
        System.out.printf("check_availability 60 nights: Hostaway JSON %d chars, result %d chars in %d ranges%n",
                raw.toString().length(), out.toString().length(), out.get("ranges").size());
    }

    @Test
    void checkAvailabilityRefusesABackwardsPeriodAndAnUnknownListing() {
        CallToolResult backwards = call(medium, "check_availability", Map.of("listingId", MEDIUM * 10_000 + 1,
                "startDate", today.plusDays(5).toString(), "endDate", today.plusDays(5).toString()));
        assertThat(errorType(backwards)).isEqualTo("validation");
        assertThat(text(backwards)).contains("endDate");

        CallToolResult unknown = call(medium, "check_availability", Map.of("listingId", 999_999_999,
                "startDate", today.plusDays(5).toString(), "endDate", today.plusDays(6).toString()));
        assertThat(errorType(unknown)).isEqualTo("not_found");
    }

    @Test
    void updateCalendarChangesWhatCheckAvailabilityShowsAndRepeatingItKeepsTheState() {
        long id = ownTenant.accountId() * 10_000 + 2;
        LocalDate start = today.plusDays(200);
        Map<String, Object> arguments = Map.of("listingId", id, "intervals", List.of(
                Map.of("startDate", start.toString(), "endDate", start.plusDays(2).toString(), "price", 333.5,
                        "minimumStay", 4),
                Map.of("startDate", start.plusDays(3).toString(), "endDate", start.plusDays(4).toString(),
                        "available", false)));

        CallToolResult first = call(own, "update_calendar", arguments);
        assertThat(isError(first)).as(text(first)).isFalse();
        assertThat(structured(first).get("nightsChanged").asInt()).isEqualTo(5);
        JsonNode before = availability(id, start, start.plusDays(5));
        CallToolResult second = call(own, "update_calendar", arguments);
        assertThat(isError(second)).isFalse();
        JsonNode after = availability(id, start, start.plusDays(5));

        assertThat(after).isEqualTo(before);
        assertThat(after.at("/ranges/0/price").asDouble()).isEqualTo(333.5);
        assertThat(after.at("/ranges/0/minimumStay").asInt()).isEqualTo(4);
        assertThat(after.at("/ranges/0/nights").asInt()).isEqualTo(3);
        assertThat(after.at("/ranges/1/status").asText()).isEqualTo("blocked");
        assertThat(after.at("/summary/blockedNights").asInt()).isEqualTo(2);
    }

    @Test
    void updateCalendarRefusesOverlapsAndArchivedListings() {
        LocalDate start = today.plusDays(30);
        CallToolResult overlap = call(own, "update_calendar", Map.of("listingId", ownTenant.accountId() * 10_000 + 1,
                "intervals", List.of(Map.of("startDate", start.toString(), "endDate", start.plusDays(3).toString(),
                        "price", 100),
                        Map.of("startDate", start.plusDays(3).toString(), "endDate",
                                start.plusDays(4).toString(), "available", true))));
        assertThat(errorType(overlap)).isEqualTo("validation");
        assertThat(text(overlap)).contains("overlap");

        CallToolResult archived = call(medium, "update_calendar", Map.of("listingId", MEDIUM * 10_000 + 12,
                "intervals", List.of(Map.of("startDate", start.toString(), "endDate", start.toString(), "price",
                        100))));
        assertThat(errorType(archived)).isEqualTo("validation");
        assertThat(text(archived)).contains("archived");
    }

    // ------------------------------------------------------------------------------------------------ create / update

    @Test
    void createListingAddsAListingToTheCallersAccount() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("name", "Test loft by the river");
        arguments.put("address", "Rua Augusta 1, Lisbon");
        arguments.put("city", "Lisbon");
        arguments.put("countryCode", "PT");
        arguments.put("personCapacity", 4);
        arguments.put("bedroomsNumber", 2);
        arguments.put("price", 140);
        arguments.put("currencyCode", "EUR");
        arguments.put("minNights", 2);
        arguments.put("maxNights", 30);
        arguments.put("checkInTimeStart", 15);
        arguments.put("roomType", "entire_home");

        CallToolResult result = call(own, "create_listing", arguments);
        JsonNode listing = structured(result).get("listing");

        assertThat(isError(result)).as(text(result)).isFalse();
        long id = listing.get("id").asLong();
        assertThat(id / 10_000).isEqualTo(ownTenant.accountId());
        assertThat(listing.get("name").asText()).isEqualTo("Test loft by the river");
        assertThat(listing.get("minNights").asInt()).isEqualTo(2);
        JsonNode fetched = structured(call(own, "get_listing", Map.of("listingId", id))).get("listing");
        assertThat(fetched.get("country").asText()).isEqualTo("Portugal");
        assertThat(fetched.get("price").asDouble()).isEqualTo(140);
        assertThat(fetched.get("checkInTimeStart").asInt()).isEqualTo(15);

        CallToolResult invalid = call(own, "create_listing", Map.of("name", "x", "minNights", 10, "maxNights", 3));
        assertThat(errorType(invalid)).isEqualTo("validation");
        assertThat(text(invalid)).contains("minNights");
        CallToolResult badCode = call(own, "create_listing", Map.of("name", "x", "countryCode", "pt"));
        assertThat(errorType(badCode)).isEqualTo("validation");
        assertThat(text(badCode)).contains("countryCode");
    }

    @Test
    void aSmallBatchReportsEachItemAndDuplicatesRefuseTheWholeCall() {
        long first = ownTenant.accountId() * 10_000 + 1;
        CallToolResult result = call(own, "batch_update_listings", Map.of("items", List.of(
                Map.of("listingId", first, "changes", Map.of("price", 99.5, "minNights", 3)),
                Map.of("listingId", MEDIUM * 10_000 + 1, "changes", Map.of("price", 1)),
                Map.of("listingId", first + 1, "changes", Map.of("minNights", 9, "maxNights", 2)))));
        JsonNode out = structured(result);

        assertThat(isError(result)).as(text(result)).isFalse();
        assertThat(out.get("summary").toString()).isEqualTo("{\"total\":3,\"succeeded\":1,\"failed\":2}");
        assertThat(out.at("/succeeded/0/id").asLong()).isEqualTo(first);
        assertThat(out.at("/succeeded/0/result/price").asDouble()).isEqualTo(99.5);
        assertThat(out.at("/failed/0/errorType").asText()).isEqualTo("not_found");
        assertThat(out.at("/failed/1/errorType").asText()).isEqualTo("validation");
        assertThat(structured(call(own, "get_listing", Map.of("listingId", first))).at("/listing/minNights")
                .asInt()).isEqualTo(3);

        CallToolResult duplicates = call(own, "batch_update_listings", Map.of("items", List.of(
                Map.of("listingId", first, "changes", Map.of("price", 1)),
                Map.of("listingId", first, "changes", Map.of("price", 2)))));
        assertThat(errorType(duplicates)).isEqualTo("validation");
        assertThat(text(duplicates)).contains("more than once");
        assertThat(structured(call(own, "get_listing", Map.of("listingId", first))).at("/listing/price")
                .asDouble()).isEqualTo(99.5);
    }

    private JsonNode availability(long listingId, LocalDate start, LocalDate end) {
        CallToolResult result = call(own, "check_availability", Map.of("listingId", listingId, "startDate",
                start.toString(), "endDate", end.toString()));
        assertThat(isError(result)).as(text(result)).isFalse();
        return structured(result);
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** A GET straight at the stand-in with a token of its own: what Hostaway itself sends for the same request. */
    static String rawHostaway(long accountId, String secret, String pathAndQuery)
            throws IOException, InterruptedException {
        String base = HostawayStandInResource.standIn().baseUrl();
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + accountId + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&scope=general";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/accessTokens"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = ToolSchemas.JSON.readTree(token.body()).get("access_token").asText();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + accessToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
