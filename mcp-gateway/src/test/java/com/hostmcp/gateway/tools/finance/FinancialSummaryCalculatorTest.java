package com.hostmcp.gateway.tools.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tools.finance.FinancialSummary.CurrencyTotals;
import com.hostmcp.gateway.tools.finance.FinancialSummary.Figures;
import com.hostmcp.gateway.tools.finance.FinancialSummary.ListingFigures;

class FinancialSummaryCalculatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** March 2026: 31 nights. */
    private static final SummaryPeriod MARCH = new SummaryPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    private static final SummaryListing BERLIN = new SummaryListing(1, "Berlin loft", "EUR", false);
    private static final SummaryListing AUSTIN = new SummaryListing(2, "Austin house", "USD", false);
    private static final SummaryListing ARCHIVED = new SummaryListing(3, "Old flat", "EUR", true);

    private long nextId = 100;

    /** A reservation with a baseRate finance field, as Hostaway's list endpoint returns it. */
    private ObjectNode stay(long listingId, String status, String arrival, String departure, String baseRate,
            String cleaningFee, String totalPrice, String currency) {
        ObjectNode r = reservationWithoutFinance(listingId, status, arrival, departure, cleaningFee, totalPrice,
                currency);
        ArrayNode finance = r.putArray("financeField");
        finance.addObject().put("name", "cleaningFeeValue").put("total", new BigDecimal(cleaningFee));
        finance.addObject().put("name", "baseRate").put("isDeleted", 0).put("value", new BigDecimal(baseRate))
                .put("total", new BigDecimal(baseRate));
        return r;
    }

    private ObjectNode reservationWithoutFinance(long listingId, String status, String arrival, String departure,
            String cleaningFee, String totalPrice, String currency) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", nextId++);
        r.put("listingMapId", listingId);
        r.put("status", status);
        r.put("arrivalDate", arrival);
        r.put("departureDate", departure);
        r.put("totalPrice", new BigDecimal(totalPrice));
        r.put("cleaningFee", new BigDecimal(cleaningFee));
        r.put("currency", currency);
        return r;
    }

    private ObjectNode ownerStay(long listingId, String arrival, String departure) {
        ObjectNode r = reservationWithoutFinance(listingId, "ownerStay", arrival, departure, "0", "0", "EUR");
        r.putNull("cleaningFee");
        r.putArray("financeField");
        return r;
    }

    private static FinancialSummary compute(List<ObjectNode> reservations) {
        return FinancialSummaryCalculator.compute(MARCH, List.of(BERLIN, AUSTIN, ARCHIVED), null, reservations, null);
    }

    private static ListingFigures row(FinancialSummary summary, long listingId, String currency) {
        return summary.listings().stream().filter(r -> r.listingId() == listingId && r.currency().equals(currency))
                .findFirst().orElseThrow();
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }

    @Test
    void proratesAStayThatStartsBeforeThePeriod() {
        // 4 nights (Feb 27, 28, Mar 1, 2), 2 of them in March
        FinancialSummary summary = compute(List.of(stay(1, "new", "2026-02-27", "2026-03-03", "400", "60", "500",
                "EUR")));

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.nightsSold()).isEqualTo(2);
        assertThat(berlin.revenue()).isEqualByComparingTo("200.00");
        assertThat(berlin.cleaningFees()).isEqualByComparingTo("30.00");
        assertThat(berlin.totalPrice()).isEqualByComparingTo("250.00");
        assertThat(berlin.reservations()).isEqualTo(1);
        assertThat(berlin.nightsAvailable()).isEqualTo(31);
        assertThat(berlin.adr()).isEqualByComparingTo("100.00");
        assertThat(berlin.occupancy()).isEqualByComparingTo("0.0645"); // 2 / 31
    }

    @Test
    void proratesAStayThatEndsAfterThePeriodAndRoundsHalfUpPerReservation() {
        // 3 nights (Mar 30, 31, Apr 1), 2 in March: 100 x 2 / 3 = 66.666... -> 66.67
        FinancialSummary summary = compute(List.of(stay(1, "modified", "2026-03-30", "2026-04-02", "100", "10",
                "121", "EUR")));

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.nightsSold()).isEqualTo(2);
        assertThat(berlin.revenue()).isEqualByComparingTo("66.67");
        assertThat(berlin.cleaningFees()).isEqualByComparingTo("6.67");
        assertThat(berlin.totalPrice()).isEqualByComparingTo("80.67");
        assertThat(berlin.adr()).isEqualByComparingTo("33.34"); // 66.67 / 2 = 33.335 -> half-up
    }

    @Test
    void aStayCoveringTheWholePeriodCountsEveryNightOfIt() {
        // Feb 20 -> Apr 10: 49 nights, 31 in March; 4900 x 31 / 49 = 3100
        FinancialSummary summary = compute(List.of(stay(1, "new", "2026-02-20", "2026-04-10", "4900", "0", "4900",
                "EUR")));

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.nightsSold()).isEqualTo(31);
        assertThat(berlin.revenue()).isEqualByComparingTo("3100.00");
        assertThat(berlin.occupancy()).isEqualByComparingTo("1.0000");
    }

    @Test
    void theDepartureDayIsNotANightAndTheLastDateIsIncluded() {
        FinancialSummary summary = compute(List.of(
                stay(1, "new", "2026-02-25", "2026-03-01", "400", "0", "400", "EUR"), // leaves on the first day
                stay(1, "new", "2026-04-01", "2026-04-03", "200", "0", "200", "EUR"), // arrives after the last night
                stay(1, "new", "2026-03-31", "2026-04-02", "300", "0", "300", "EUR"))); // arrives on the last night

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.reservations()).isEqualTo(1);
        assertThat(berlin.nightsSold()).isEqualTo(1);
        assertThat(berlin.revenue()).isEqualByComparingTo("150.00");
        assertThat(summary.excludedByStatus()).isEmpty();
    }

    @Test
    void onlyNewModifiedAndConfirmedAreSoldAndTheRestIsTalliedByStatus() {
        List<ObjectNode> reservations = new ArrayList<>();
        reservations.add(stay(1, "new", "2026-03-02", "2026-03-04", "200", "20", "230", "EUR"));
        reservations.add(stay(1, "confirmed", "2026-03-05", "2026-03-06", "100", "20", "130", "EUR"));
        for (String status : List.of("cancelled", "cancelled", "declined", "expired", "pending", "unconfirmed",
                "awaitingPayment", "awaitingGuestVerification", "inquiry", "inquiryPreapproved", "inquiryDenied",
                "inquiryTimedout", "inquiryNotPossible", "unknown", "somethingNew")) {
            reservations.add(stay(1, status, "2026-03-10", "2026-03-12", "999", "99", "1200", "EUR"));
        }

        FinancialSummary summary = compute(reservations);

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.reservations()).isEqualTo(2);
        assertThat(berlin.nightsSold()).isEqualTo(3);
        assertThat(berlin.revenue()).isEqualByComparingTo("300.00");
        assertThat(berlin.nightsAvailable()).isEqualTo(31);
        assertThat(summary.excludedByStatus()).containsEntry("cancelled", 2).containsEntry("pending", 1)
                .containsEntry("inquiryPreapproved", 1).containsEntry("somethingNew", 1).hasSize(14)
                .doesNotContainKeys("new", "confirmed");
    }

    @Test
    void ownerStaysAreNotSoldAndReduceTheAvailableNightsOnce() {
        FinancialSummary summary = compute(List.of(
                stay(1, "new", "2026-03-01", "2026-03-11", "1000", "50", "1100", "EUR"),
                ownerStay(1, "2026-02-26", "2026-03-01"), // before the period: ignored
                ownerStay(1, "2026-03-20", "2026-03-25"), // 5 nights
                ownerStay(1, "2026-03-23", "2026-04-05"))); // 13 nights, 9 in March, 2 already counted

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.ownerStayNights()).isEqualTo(12); // Mar 20..31
        assertThat(berlin.nightsAvailable()).isEqualTo(19);
        assertThat(berlin.nightsSold()).isEqualTo(10);
        assertThat(berlin.revenue()).isEqualByComparingTo("1000.00");
        assertThat(berlin.reservations()).isEqualTo(1);
        assertThat(berlin.occupancy()).isEqualByComparingTo("0.5263"); // 10 / 19
        assertThat(summary.excludedByStatus()).isEmpty();
    }

    @Test
    void aListingBlockedByItsOwnerAllPeriodHasNoAvailabilityAndNoRates() {
        FinancialSummary summary = compute(List.of(ownerStay(1, "2026-02-01", "2026-05-01")));

        Figures berlin = row(summary, 1, "EUR").figures();
        assertThat(berlin.nightsAvailable()).isZero();
        assertThat(berlin.ownerStayNights()).isEqualTo(31);
        assertThat(berlin.occupancy()).isNull();
        assertThat(berlin.adr()).isNull();
        assertThat(berlin.revenue()).isEqualByComparingTo("0");
    }

    @Test
    void zeroNightReservationsAndReservationsOfOtherListingsDoNotCount() {
        FinancialSummary summary = compute(List.of(
                stay(1, "new", "2026-03-05", "2026-03-05", "100", "0", "100", "EUR"),
                stay(99, "new", "2026-03-05", "2026-03-07", "100", "0", "100", "EUR"),
                stay(3, "new", "2026-03-05", "2026-03-07", "100", "0", "100", "EUR"))); // archived listing

        assertThat(summary.listings()).extracting(ListingFigures::listingId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(summary.overall().reservations()).isZero();
        assertThat(summary.overall().nightsSold()).isZero();
        assertThat(summary.overall().nightsAvailable()).isEqualTo(62);
        assertThat(summary.overall().occupancy()).isEqualByComparingTo("0");
        assertThat(row(summary, 1, "EUR").figures().adr()).isNull();
    }

    @Test
    void archivedListingsCountOnlyWhenAskedForById() {
        List<ObjectNode> reservations = List.of(stay(3, "new", "2026-03-05", "2026-03-07", "100", "0", "100", "EUR"),
                stay(1, "new", "2026-03-05", "2026-03-07", "300", "0", "300", "EUR"));

        FinancialSummary summary = FinancialSummaryCalculator.compute(MARCH, List.of(BERLIN, AUSTIN, ARCHIVED),
                List.of(3L), reservations, null);

        assertThat(summary.listings()).singleElement().satisfies(row -> {
            assertThat(row.listingId()).isEqualTo(3);
            assertThat(row.archived()).isTrue();
            assertThat(row.figures().revenue()).isEqualByComparingTo("100.00");
        });
        assertThat(summary.totals()).singleElement()
                .satisfies(total -> assertThat(total.figures().revenue()).isEqualByComparingTo("100.00"));
    }

    @Test
    void currenciesAreTotalledSeparatelyAndNeverAdded() {
        FinancialSummary summary = compute(List.of(
                stay(1, "new", "2026-03-01", "2026-03-03", "200", "20", "240", "EUR"),
                stay(1, "new", "2026-03-10", "2026-03-11", "150", "0", "150", "usd"), // booked in USD on a EUR listing
                stay(2, "new", "2026-03-01", "2026-03-05", "800", "40", "900", "USD")));

        assertThat(summary.listings()).extracting(ListingFigures::listingId, ListingFigures::currency)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "EUR"),
                        org.assertj.core.groups.Tuple.tuple(2L, "USD"), org.assertj.core.groups.Tuple.tuple(1L, "USD"));
        assertThat(summary.totals()).extracting(CurrencyTotals::currency).containsExactly("EUR", "USD");
        CurrencyTotals usd = summary.totals().get(1);
        assertThat(usd.listings()).isEqualTo(2);
        assertThat(usd.figures().revenue()).isEqualByComparingTo("950.00");
        assertThat(usd.figures().nightsSold()).isEqualTo(5);
        assertThat(usd.figures().adr()).isEqualByComparingTo("190.00");
        assertThat(summary.totals().get(0).figures().revenue()).isEqualByComparingTo("200.00");
        // each listing's nights count once overall, whatever the currency rows
        assertThat(summary.overall().listings()).isEqualTo(2);
        assertThat(summary.overall().nightsAvailable()).isEqualTo(62);
        assertThat(summary.overall().nightsSold()).isEqualTo(7);
        assertThat(summary.overall().reservations()).isEqualTo(3);
    }

    @Test
    void aCurrencyFilterKeepsThatCurrencyOnly() {
        List<ObjectNode> reservations = List.of(stay(1, "new", "2026-03-01", "2026-03-03", "200", "20", "240", "EUR"),
                stay(1, "cancelled", "2026-03-10", "2026-03-11", "150", "0", "150", "USD"),
                stay(2, "new", "2026-03-01", "2026-03-05", "800", "40", "900", "USD"));

        FinancialSummary summary = FinancialSummaryCalculator.compute(MARCH, List.of(BERLIN, AUSTIN), null,
                reservations, "EUR");

        assertThat(summary.listings()).singleElement().satisfies(row -> assertThat(row.listingId()).isEqualTo(1));
        assertThat(summary.totals()).extracting(CurrencyTotals::currency).containsExactly("EUR");
        assertThat(summary.excludedByStatus()).isEmpty();
        assertThat(summary.overall().nightsAvailable()).isEqualTo(31);
    }

    @Test
    void rowsAreSortedByCurrencyThenRevenueAndTotalsAddUpTheRoundedRows() {
        SummaryListing munich = new SummaryListing(4, "Munich", "EUR", false);
        // 0.25 x 1 / 2 = 0.125: half-up gives 0.13 (half-even would give 0.12)
        FinancialSummary summary = FinancialSummaryCalculator.compute(MARCH, List.of(BERLIN, munich), null,
                List.of(stay(1, "new", "2026-02-28", "2026-03-02", "0.25", "0", "0.25", "EUR"),
                        stay(4, "new", "2026-03-30", "2026-04-01", "10.01", "0", "10.01", "EUR"),
                        stay(4, "new", "2026-03-31", "2026-04-03", "0.05", "0", "0.05", "EUR")),
                null);

        assertThat(summary.listings()).extracting(ListingFigures::listingId).containsExactly(4L, 1L);
        assertThat(row(summary, 1, "EUR").figures().revenue()).isEqualByComparingTo("0.13");
        // 10.01 + 0.05 / 3 = 10.01 + 0.02
        assertThat(row(summary, 4, "EUR").figures().revenue()).isEqualByComparingTo("10.03");
        assertThat(row(summary, 4, "EUR").figures().adr()).isEqualByComparingTo("3.34"); // 10.03 / 3
        assertThat(summary.totals().get(0).figures().revenue()).isEqualByComparingTo("10.16");
    }

    @Test
    void revenueFallsBackToTotalMinusCleaningAndTaxesWithoutABaseRate() {
        ObjectNode withoutFinance = reservationWithoutFinance(1, "new", "2026-03-01", "2026-03-03", "50", "330", "EUR");
        withoutFinance.put("taxAmount", 30);
        ObjectNode deletedBaseRate = stay(1, "new", "2026-03-05", "2026-03-06", "999", "0", "80", "EUR");
        ((ObjectNode) deletedBaseRate.get("financeField").get(1)).put("isDeleted", 1);
        ObjectNode textAmounts = reservationWithoutFinance(1, "new", "2026-03-10", "2026-03-11", "0", "0", "EUR");
        textAmounts.put("totalPrice", "70.50");

        FinancialSummary summary = compute(List.of(withoutFinance, deletedBaseRate, textAmounts));

        // 330 - 50 - 30 = 250; 80 - 0 - 0 = 80; "70.50"
        assertThat(row(summary, 1, "EUR").figures().revenue()).isEqualByComparingTo("400.50");
        assertThat(row(summary, 1, "EUR").figures().totalPrice()).isEqualByComparingTo("480.50");
    }

    @Test
    void listingsWithoutSalesHaveAZeroRowInTheirCurrency() {
        FinancialSummary summary = FinancialSummaryCalculator.compute(MARCH,
                List.of(AUSTIN, new SummaryListing(5, null, null, false)), null, List.of(), null);

        assertThat(summary.listings()).extracting(ListingFigures::currency).containsExactly("USD", "XXX");
        assertThat(summary.totals()).extracting(CurrencyTotals::currency).containsExactly("USD", "XXX");
        assertThat(summary.totals().get(0).figures().revenue()).isEqualByComparingTo("0.00");
        assertThat(summary.excludedByStatus()).isEqualTo(Map.of());
    }

    @Test
    void aPeriodOfOneNightIsAllowed() {
        SummaryPeriod night = new SummaryPeriod(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 5));

        FinancialSummary summary = FinancialSummaryCalculator.compute(night, List.of(BERLIN), null,
                List.of(stay(1, "new", "2026-03-04", "2026-03-07", "300", "30", "360", "EUR")), null);

        assertThat(night.nights()).isEqualTo(1);
        assertThat(row(summary, 1, "EUR").figures().revenue()).isEqualByComparingTo("100.00");
        assertThat(row(summary, 1, "EUR").figures().occupancy()).isEqualByComparingTo("1");
    }
}
