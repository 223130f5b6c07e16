package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayReservationsTest extends UnthrottledStandInTest {

    private static String small;
    private static String medium;
    private static String large;

    private static final long ACTIVE_LISTING = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(1);

    @BeforeEach
    void resetAndLogIn() {
        small = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        medium = client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);
        large = client.token(HostawaySeedAccounts.ACCOUNT_LARGE);
    }

    private static List<JsonNode> all(String token, String query) {
        List<JsonNode> out = new ArrayList<>();
        client.get(token, "/v1/reservations?limit=0" + query).json().get("result").forEach(out::add);
        return out;
    }

    @Test
    void anAfterIdCursorWalkCoversAllReservationsExactlyOnce() {
        JsonNode first = client.get(large, "/v1/reservations?limit=100").json();
        int total = first.get("count").asInt();
        assertThat(total).isGreaterThan(1000);
        List<Long> seen = new ArrayList<>();
        JsonNode page = first.get("result");
        int calls = 1;
        while (page.size() > 0) {
            page.forEach(r -> seen.add(r.get("id").asLong()));
            long last = page.get(page.size() - 1).get("id").asLong();
            JsonNode next = client.get(large, "/v1/reservations?limit=100&offset=7&afterId=" + last).json();
            assertThat(next.get("count").asInt()).isEqualTo(total);
            page = next.get("result");
            calls++;
        }
        assertThat(seen).hasSize(total).doesNotHaveDuplicates();
        assertThat(seen).allMatch(id -> id / 100_000 == HostawaySeedAccounts.LARGE_ACCOUNT_ID);
        assertThat(calls).isEqualTo((total + 99) / 100 + 1);
    }

    @Test
    void theCursorWalkAlsoWorksWithArrivalDateOrderAndFilters() {
        long listingId = HostawaySeedAccounts.ACCOUNT_MEDIUM.listingId(3);
        List<JsonNode> expected = all(medium, "&listingId=" + listingId + "&sortOrder=arrivalDate");
        List<Long> seen = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = client.get(medium, "/v1/reservations?limit=2&sortOrder=arrivalDate&listingId=" + listingId
                    + after).json().get("result");
            if (page.isEmpty()) {
                break;
            }
            page.forEach(r -> seen.add(r.get("id").asLong()));
            after = "&afterId=" + page.get(page.size() - 1).get("id").asLong();
        }
        assertThat(seen).containsExactlyElementsOf(expected.stream().map(r -> r.get("id").asLong()).toList());
    }

    @Test
    void theDefaultPageHas100ReservationsNewestUpdateFirstAndCountIsTheTrueTotal() {
        JsonNode page = client.get(large, "/v1/reservations").json();

        assertThat(page.get("result").size()).isEqualTo(100);
        assertThat(page.get("count").asInt()).isGreaterThan(1000);
        assertThat(page.get("limit").isNull()).isTrue();
        List<String> updated = new ArrayList<>();
        page.get("result").forEach(r -> updated.add(r.get("updatedOn").asText()));
        assertThat(updated).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void smallAndMediumAccountsHaveSeveralReservationsPerListingWithVariedStatuses() {
        List<JsonNode> reservations = all(medium, "");
        Map<Long, Integer> perListing = new HashMap<>();
        Set<String> statuses = new HashSet<>();
        for (JsonNode r : reservations) {
            perListing.merge(r.get("listingMapId").asLong(), 1, Integer::sum);
            statuses.add(r.get("status").asText());
            assertThat(r.get("arrivalDate").asText()).startsWith("202");
            assertThat(r.get("departureDate").asText()).isGreaterThan(r.get("arrivalDate").asText());
        }
        assertThat(perListing).hasSize(12);
        perListing.forEach((listing, count) -> {
            if (listing <= HostawaySeedAccounts.ACCOUNT_MEDIUM.listingId(10)) {
                assertThat(count).as("reservations of active listing %d", listing).isGreaterThanOrEqualTo(5);
            }
        });
        assertThat(statuses).contains("new", "modified", "cancelled");
        assertThat(all(small, "")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(reservations).allMatch(r -> r.get("id").asLong() / 100_000 == 10002);
    }

    @Test
    void listingAndArrivalDateFiltersNarrowTheList() {
        long listingId = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(1);
        List<JsonNode> forListing = all(small, "&listingId=" + listingId);
        assertThat(forListing).isNotEmpty().allMatch(r -> r.get("listingMapId").asLong() == listingId);

        String arrival = forListing.get(0).get("arrivalDate").asText();
        List<JsonNode> onDay = all(small, "&arrivalStartDate=" + arrival + "&arrivalEndDate=" + arrival);
        assertThat(onDay).isNotEmpty().allMatch(r -> r.get("arrivalDate").asText().equals(arrival));

        String departure = forListing.get(0).get("departureDate").asText();
        assertThat(all(small, "&departureStartDate=" + departure)).allMatch(
                r -> r.get("departureDate").asText().compareTo(departure) >= 0);
        assertThat(client.get(small, "/v1/reservations?arrivalStartDate=2026-13-01").status()).isEqualTo(400);
    }

    @Test
    void guestEmailAndMatchFindAGuestsReservations() {
        JsonNode any = all(small, "").get(3);
        String email = any.get("guestEmail").asText();
        String lastName = any.get("guestLastName").asText();

        List<JsonNode> byEmail = all(small, "&guestEmail=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        List<JsonNode> byName = all(small, "&match=" + URLEncoder.encode(lastName, StandardCharsets.UTF_8));

        assertThat(byEmail).isNotEmpty().allMatch(r -> r.get("guestEmail").asText().equals(email));
        assertThat(byName).isNotEmpty().allMatch(r -> r.get("guestName").asText().contains(lastName));
    }

    @Test
    void theListIsSparseUnlessIncludeResourcesAndIncludeCancellationPolicyAreSet() {
        JsonNode sparse = client.get(small, "/v1/reservations?limit=1&sortOrder=arrivalDate").json().get("result")
                .get(0);
        JsonNode full = client
                .get(small, "/v1/reservations?limit=1&sortOrder=arrivalDate&includeResources=1"
                        + "&includeCancellationPolicy=1")
                .json().get("result").get(0);

        assertThat(sparse.get("reservationFees")).isEmpty();
        assertThat(sparse.get("customFieldValues")).isEmpty();
        assertThat(sparse.get("hostProxyEmail").isNull()).isTrue();
        assertThat(sparse.has("cancellationPolicyDetails")).isFalse();
        assertThat(full.get("customFieldValues")).isNotEmpty();
        assertThat(full.get("hostProxyEmail").asText()).contains("@");
        assertThat(full.get("cancellationPolicyDetails").get("cancellationPolicyItem")).isNotEmpty();

        JsonNode single = client.get(small, "/v1/reservations/" + sparse.get("id").asLong()).json().get("result");
        assertThat(single.has("cancellationPolicyDetails")).isTrue();
        assertThat(single.get("hostProxyEmail").asText()).contains("@");
        List<String> exampleKeys = new ArrayList<>();
        Json.RESERVATION.fieldNames().forEachRemaining(k -> {
            if (!k.startsWith("bookingcom")) {
                exampleKeys.add(k);
            }
        });
        List<String> keys = new ArrayList<>();
        single.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsAll(exampleKeys);
    }

    @Test
    void reservationsOfAnArchivedListingCannotBeUpdated() {
        long archived = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(3);
        long id = all(small, "&listingId=" + archived).get(0).get("id").asLong();

        HostawayTestClient.Response response = client.send("PUT", small, "/v1/reservations/" + id,
                "{\"guestNote\":\"late arrival\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("result").asText()).contains("archived");
    }

    @Test
    void anotherAccountsReservationAnswers404() {
        long foreign = all(medium, "").get(0).get("id").asLong();

        HostawayTestClient.Response response = client.get(small, "/v1/reservations/" + foreign);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("status").asText()).isEqualTo("fail");
    }

    @Test
    void aPutReservationUpdateIsVisibleAndMovesItToTheTopOfTheDefaultOrder() {
        JsonNode reservation = all(small, "&sortOrder=arrivalDate&listingId=" + ACTIVE_LISTING).stream()
                .filter(r -> r.get("status").asText().equals("new")).findFirst().orElseThrow();
        long id = reservation.get("id").asLong();
        long listingId = reservation.get("listingMapId").asLong();

        HostawayTestClient.Response put = client.send("PUT", small, "/v1/reservations/" + id,
                "{\"guestName\":\"Andrew Peterson\",\"guestEmail\":\"mail@test.com\",\"doorCode\":\"2222222\","
                        + "\"listingMapId\":40160,\"totalPrice\":267}");

        assertThat(put.status()).isEqualTo(200);
        JsonNode read = client.get(small, "/v1/reservations/" + id).json().get("result");
        assertThat(read.get("guestName").asText()).isEqualTo("Andrew Peterson");
        assertThat(read.get("doorCode").asText()).isEqualTo("2222222");
        assertThat(read.get("totalPrice").asDouble()).isEqualTo(267.0);
        assertThat(read.get("listingMapId").asLong()).isEqualTo(listingId); // listingMapId cannot be changed
        assertThat(client.get(small, "/v1/reservations?limit=1").json().get("result").get(0).get("id").asLong())
                .isEqualTo(id);
        assertThat(all(small, "&guestEmail=mail@test.com")).hasSize(1);
    }

    @Test
    void changingTheDatesMarksTheReservationModifiedAndValidatesThem() {
        JsonNode reservation = all(small, "&sortOrder=arrivalDateDesc&listingId=" + ACTIVE_LISTING).stream()
                .filter(r -> r.get("status").asText().equals("new")).findFirst().orElseThrow();
        long id = reservation.get("id").asLong();

        assertThat(client.send("PUT", small, "/v1/reservations/" + id,
                "{\"arrivalDate\":\"2027-06-10\",\"departureDate\":\"2027-06-09\"}").status()).isEqualTo(400);
        HostawayTestClient.Response moved = client.send("PUT", small, "/v1/reservations/" + id,
                "{\"arrivalDate\":\"2027-06-10\",\"departureDate\":\"2027-06-13\"}");

        assertThat(moved.status()).isEqualTo(200);
        JsonNode read = moved.json().get("result");
        assertThat(read.get("status").asText()).isEqualTo("modified");
        assertThat(read.get("nights").asInt()).isEqualTo(3);
        assertThat(read.get("previousArrivalDate").asText()).isEqualTo(reservation.get("arrivalDate").asText());
    }
}
