package com.hostmcp.gateway.tools.reservations;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.logging.LogCapture;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * search_reservations, get_reservation and get_guest over MCP against the Hostaway stand-in, on an account of this
 * test's own (3 listings, 5-8 reservations each). Structured results are checked against the output schemas by the
 * SDK client.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReservationToolsTest {

    private TestTenant tenant;
    private long firstListing;

    @BeforeAll
    void connect() {
        tenant = TestTenants.withOwnAccount(3);
        firstListing = tenant.accountId() * 10_000 + 1;
    }

    private McpSyncClient client() {
        return McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey());
    }

    private long ownReservationIdFloor() {
        return tenant.accountId() * 100_000;
    }

    @Test
    void searchReturnsSummariesOfTheCallersReservationsAndPagesWithTheCursor() {
        try (McpSyncClient client = client()) {
            CallToolResult first = call(client, "search_reservations", Map.of("limit", 5));
            assertThat(isError(first)).as(text(first)).isFalse();
            JsonNode page = structured(first);
            int total = page.get("total").asInt();
            assertThat(total).isBetween(15, 24);
            assertThat(page.get("returned").asInt()).isEqualTo(5);
            JsonNode item = page.get("items").get(0);
            assertThat(fieldNames(item)).containsExactlyElementsOf(ReservationFields.SEARCH_SUMMARY);
            assertThat(item.get("guestName").asText()).isNotBlank();
            assertThat(text(first)).startsWith("Reservations: 5 shown of " + total);

            Set<Long> seen = new HashSet<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> arguments = new java.util.HashMap<>(Map.of("limit", 5));
                if (cursor != null) {
                    arguments.put("cursor", cursor);
                }
                JsonNode next = structured(call(client, "search_reservations", arguments));
                for (JsonNode reservation : next.get("items")) {
                    long id = reservation.get("id").asLong();
                    assertThat(id).isBetween(ownReservationIdFloor(), ownReservationIdFloor() + 99_999);
                    assertThat(reservation.get("listingMapId").asLong()).isBetween(firstListing, firstListing + 2);
                    assertThat(seen.add(id)).as("no reservation twice").isTrue();
                }
                cursor = next.get("nextCursor").isNull() ? null : next.get("nextCursor").asText();
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(seen).as("the cursor walk sees every reservation once").hasSize(total);
        }
    }

    @Test
    void statusAndDateFiltersAndWiderFields() {
        try (McpSyncClient client = client()) {
            JsonNode confirmed = structured(call(client, "search_reservations",
                    Map.of("status", List.of("new", "modified"), "limit", 100, "fields", List.of("phone"))));
            assertThat(confirmed.get("total").isNull()).as("Hostaway cannot count a status filter").isTrue();
            assertThat(confirmed.get("items")).isNotEmpty();
            for (JsonNode reservation : confirmed.get("items")) {
                assertThat(reservation.get("status").asText()).isIn("new", "modified");
                assertThat(reservation.get("phone").asText()).startsWith("+1555");
            }

            JsonNode atListing = structured(call(client, "search_reservations", Map.of("listingId", firstListing,
                    "arrivalFrom", "2025-01-01", "arrivalTo", "2027-12-31", "limit", 100)));
            assertThat(atListing.get("items")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("listingMapId").asLong()).isEqualTo(firstListing));
            assertThat(atListing.get("total").asInt()).isEqualTo(atListing.get("returned").asInt());
        }
    }

    @Test
    void searchByGuestEmailFindsTheGuestsReservation() {
        try (McpSyncClient client = client()) {
            JsonNode some = structured(call(client, "search_reservations",
                    Map.of("limit", 1, "fields", List.of("guestEmail"), "status", List.of("new"))))
                    .get("items").get(0);
            String email = some.get("guestEmail").asText();
            assertThat(email).endsWith("@guests.example.com");

            JsonNode found = structured(call(client, "search_reservations", Map.of("guestEmail", email)));
            assertThat(found.get("items")).extracting(r -> r.get("id").asLong())
                    .contains(some.get("id").asLong());
        }
    }

    @Test
    void searchRefusesContradictoryRangesAndCursorsOfOtherFilters() {
        try (McpSyncClient client = client()) {
            CallToolResult backwards = call(client, "search_reservations",
                    Map.of("arrivalFrom", "2026-06-10", "arrivalTo", "2026-06-01"));
            assertThat(errorType(backwards)).isEqualTo("validation");
            assertThat(text(backwards)).contains("arrivalTo").contains("arrivalFrom");

            String cursor = structured(call(client, "search_reservations", Map.of("limit", 2))).get("nextCursor")
                    .asText();
            CallToolResult otherFilters = call(client, "search_reservations",
                    Map.of("limit", 2, "listingId", firstListing, "cursor", cursor));
            assertThat(errorType(otherFilters)).isEqualTo("validation");
            assertThat(text(otherFilters)).contains("other filters");

            CallToolResult badStatus = call(client, "search_reservations", Map.of("status", List.of("booked")));
            assertThat(errorType(badStatus)).isEqualTo("validation");
        }
    }

    @Test
    void getReservationShowsTheBaseViewAndRequestedGroups() {
        try (McpSyncClient client = client()) {
            long id = structured(call(client, "search_reservations", Map.of("limit", 1))).get("items").get(0)
                    .get("id").asLong();

            CallToolResult result = call(client, "get_reservation",
                    Map.of("reservationId", id, "fields", List.of("access", "money")));
            assertThat(isError(result)).as(text(result)).isFalse();
            JsonNode reservation = structured(result).get("reservation");
            assertThat(reservation.get("id").asLong()).isEqualTo(id);
            assertThat(reservation.get("listingMapId").asLong()).isBetween(firstListing, firstListing + 2);
            assertThat(reservation.get("doorCode").asText()).matches("\\d{5}");
            assertThat(reservation.has("taxAmount")).isTrue();
            assertThat(reservation.has("guestEmail")).as("contact details only with guestContact").isFalse();
            assertThat(text(result)).startsWith("Reservation #" + id);

            JsonNode all = structured(call(client, "get_reservation", Map.of("reservationId", id, "fields",
                    List.of("all")))).get("reservation");
            assertThat(all.has("hostawayReservationId")).isTrue();
        }
    }

    @Test
    void reservationsOfOtherAccountsAndUnknownIdsAreNotFound() {
        try (McpSyncClient client = client()) {
            CallToolResult unknown = call(client, "get_reservation", Map.of("reservationId",
                    ownReservationIdFloor() + 99_999));
            assertThat(errorType(unknown)).isEqualTo("not_found");
            assertThat(text(unknown)).contains("search_reservations");

            // the first reservation of the seeded SMALL account exists, but not for this organization
            CallToolResult foreign = call(client, "get_guest", Map.of("reservationId", 1_000_100_001L));
            assertThat(errorType(foreign)).isEqualTo("not_found");

            CallToolResult missing = call(client, "get_guest", Map.of());
            assertThat(errorType(missing)).isEqualTo("validation");
        }
    }

    @Test
    void getGuestReturnsTheContactDetailsButNoLogLineHoldsThem() {
        Logger.getLogger(ReservationToolsTest.class).info("log capture canary");
        try (McpSyncClient client = client(); LogCapture logs = new LogCapture()) {
            Logger.getLogger(ReservationToolsTest.class).info("log capture canary");
            JsonNode reservation = structured(call(client, "search_reservations",
                    Map.of("limit", 1, "status", List.of("new", "modified")))).get("items").get(0);
            long id = reservation.get("id").asLong();

            CallToolResult result = call(client, "get_guest", Map.of("reservationId", id));
            assertThat(isError(result)).as(text(result)).isFalse();
            JsonNode guest = structured(result);
            assertThat(guest.get("reservationId").asLong()).isEqualTo(id);
            assertThat(guest.get("name").asText()).isEqualTo(reservation.get("guestName").asText());
            assertThat(guest.get("email").asText()).endsWith("@guests.example.com");
            assertThat(guest.get("phone").asText()).startsWith("+1555");
            assertThat(guest.get("country").asText()).matches("[A-Z]{2}");
            assertThat(guest.get("numberOfGuests").asInt()).isPositive();
            assertThat(text(result)).contains(guest.get("email").asText()).contains("Personal data");

            // a search by the guest's e-mail and name goes through the same pipeline
            call(client, "search_reservations", Map.of("guestEmail", guest.get("email").asText(), "guestName",
                    guest.get("lastName").asText()));

            assertThat(logs.linesContaining("log capture canary")).as("the capture works").hasSize(1);
            List<String> leaks = new ArrayList<>();
            for (String pii : List.of(guest.get("email").asText(), guest.get("phone").asText(),
                    guest.get("name").asText())) {
                leaks.addAll(logs.linesContaining(pii));
            }
            assertThat(leaks).as("log lines with the guest's e-mail, phone or name").isEmpty();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
