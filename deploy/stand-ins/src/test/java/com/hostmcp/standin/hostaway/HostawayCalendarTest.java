package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayCalendarTest extends UnthrottledStandInTest {

    private static String small;

    private static final long LISTING = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(1);
    private static final long ARCHIVED = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(3);

    @BeforeEach
    void resetAndLogIn() {
        small = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
    }

    private static JsonNode calendar(String query) {
        HostawayTestClient.Response response = client.get(small, "/v1/listings/" + LISTING + "/calendar" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("result");
    }

    @Test
    void calendarDaysAreGeneratedForAnyRangeWithTheExampleShape() {
        JsonNode days = calendar("?startDate=2026-02-01&endDate=2026-02-28");

        assertThat(days).hasSize(28);
        assertThat(days.get(0).get("date").asText()).isEqualTo("2026-02-01");
        assertThat(days.get(27).get("date").asText()).isEqualTo("2026-02-28");
        List<String> exampleKeys = new ArrayList<>();
        Json.CALENDAR_DAY.fieldNames().forEachRemaining(exampleKeys::add);
        List<String> keys = new ArrayList<>();
        days.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(exampleKeys);
        days.forEach(d -> assertThat(d.get("price").asDouble()).isPositive());
        assertThat(calendar("?startDate=2031-01-01&endDate=2031-01-01")).hasSize(1);
    }

    @Test
    void invalidOrReversedDatesAnswer400() {
        for (String query : List.of("?startDate=2026-02-30&endDate=2026-03-01", "?startDate=01.02.2026",
                "?startDate=2026-03-10&endDate=2026-03-09", "?startDate=2026-01-01&endDate=2030-01-01")) {
            HostawayTestClient.Response response = client.get(small, "/v1/listings/" + LISTING + "/calendar" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("status").asText()).isEqualTo("fail");
        }
    }

    @Test
    void reservedDaysMatchTheListingsReservations() {
        JsonNode reservation = null;
        for (JsonNode r : client.get(small, "/v1/reservations?limit=0&listingId=" + LISTING).json().get("result")) {
            if (r.get("status").asText().equals("new")) {
                reservation = r;
                break;
            }
        }
        assertThat(reservation).isNotNull();
        LocalDate arrival = LocalDate.parse(reservation.get("arrivalDate").asText());
        LocalDate departure = LocalDate.parse(reservation.get("departureDate").asText());

        JsonNode days = calendar("?startDate=" + arrival + "&endDate=" + departure + "&includeResources=1");

        for (JsonNode day : days) {
            LocalDate date = LocalDate.parse(day.get("date").asText());
            if (date.isBefore(departure)) {
                assertThat(day.get("status").asText()).as(date.toString()).isEqualTo("reserved");
                assertThat(day.get("isAvailable").asInt()).isZero();
                assertThat(day.get("reservations").findValuesAsText("reservationId"))
                        .contains(reservation.get("reservationId").asText());
            }
        }
        JsonNode sparse = calendar("?startDate=" + arrival + "&endDate=" + arrival);
        assertThat(sparse.get(0).get("reservations")).isEmpty();
    }

    @Test
    void aCalendarPutReturnsTheAffectedDaysAndIsVisibleLater() {
        HostawayTestClient.Response put = client.send("PUT", small, "/v1/listings/" + LISTING + "/calendar",
                "{\"startDate\":\"2027-09-01\",\"endDate\":\"2027-09-05\",\"isAvailable\":0,\"isProcessed\":1,"
                        + "\"price\":20,\"minimumStay\":2,\"maximumStay\":1125,\"closedOnArrival\":null,"
                        + "\"closedOnDeparture\":null,\"note\":\"test\"}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("result")).hasSize(5);
        JsonNode days = calendar("?startDate=2027-08-31&endDate=2027-09-06");
        assertThat(days.get(0).get("status").asText()).isEqualTo("available");
        for (int i = 1; i <= 5; i++) {
            JsonNode day = days.get(i);
            assertThat(day.get("status").asText()).isEqualTo("blocked");
            assertThat(day.get("isAvailable").asInt()).isZero();
            assertThat(day.get("price").asDouble()).isEqualTo(20.0);
            assertThat(day.get("minimumStay").asInt()).isEqualTo(2);
            assertThat(day.get("note").asText()).isEqualTo("test");
        }
        assertThat(days.get(6).get("note").isNull()).isTrue();
    }

    @Test
    void aCalendarPutValidatesItsBody() {
        String path = "/v1/listings/" + LISTING + "/calendar";
        assertThat(client.send("PUT", small, path, "{\"endDate\":\"2027-09-05\",\"price\":20}").status())
                .isEqualTo(400);
        assertThat(client.send("PUT", small, path, "{\"startDate\":\"2027-09-05\",\"endDate\":\"2027-09-01\"}")
                .status()).isEqualTo(400);
        assertThat(client.send("PUT", small, path,
                "{\"startDate\":\"2027-09-01\",\"endDate\":\"2027-09-05\",\"price\":-1}").status()).isEqualTo(400);
        assertThat(client.send("PUT", small, "/v1/listings/" + ARCHIVED + "/calendar",
                "{\"startDate\":\"2027-09-01\",\"endDate\":\"2027-09-05\",\"price\":20}").status()).isEqualTo(400);
    }

    @Test
    void calendarIntervalsAreAppliedAndLimitedTo200PerCall() {
        String path = "/v1/listings/" + LISTING + "/calendarIntervals";
        HostawayTestClient.Response ok = client.send("PUT", small, path,
                "[{\"startDate\":\"2027-10-05\",\"endDate\":\"2027-10-06\",\"isAvailable\":1,\"price\":20,"
                        + "\"minimumStay\":1,\"maximumStay\":1125,\"note\":\"test\"},"
                        + "{\"startDate\":\"2027-10-10\",\"endDate\":\"2027-10-11\",\"isAvailable\":0,\"price\":21}]");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().toString()).isEqualTo("{\"status\":\"success\",\"result\":[]}");
        JsonNode days = calendar("?startDate=2027-10-05&endDate=2027-10-11");
        assertThat(days.get(0).get("price").asDouble()).isEqualTo(20.0);
        assertThat(days.get(5).get("price").asDouble()).isEqualTo(21.0);
        assertThat(days.get(5).get("status").asText()).isEqualTo("blocked");

        StringBuilder tooMany = new StringBuilder("[");
        LocalDate date = LocalDate.of(2028, 1, 1);
        for (int i = 0; i < 201; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"startDate\":\"").append(date.plusDays(i))
                    .append("\",\"endDate\":\"").append(date.plusDays(i)).append("\",\"price\":50}");
        }
        tooMany.append(']');
        HostawayTestClient.Response rejected = client.send("PUT", small, path, tooMany.toString());
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("status").asText()).isEqualTo("fail");
        assertThat(calendar("?startDate=2028-01-01&endDate=2028-01-01").get(0).get("price").asDouble())
                .isNotEqualTo(50.0);
        assertThat(client.send("PUT", small, path, "{\"startDate\":\"2027-10-05\"}").status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsListingCalendarAnswers404() {
        long foreign = HostawaySeedAccounts.ACCOUNT_LARGE.listingId(1);
        assertThat(client.get(small, "/v1/listings/" + foreign + "/calendar").status()).isEqualTo(404);
    }
}
