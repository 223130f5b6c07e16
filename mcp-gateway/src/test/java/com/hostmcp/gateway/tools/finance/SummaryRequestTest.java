package com.hostmcp.gateway.tools.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tools.finance.FinancialSummaryTool.SummaryRequest;

class SummaryRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode arguments(String fromDate, String toDate) {
        return JSON.createObjectNode().put("fromDate", fromDate).put("toDate", toDate);
    }

    @Test
    void readsThePeriodListingsCurrencyAndLimit() {
        ObjectNode arguments = arguments("2026-01-01", "2026-01-31").put("currency", "eur").put("limit", 7);
        arguments.putArray("listingIds").add(100020003L).add(100020001L);

        SummaryRequest request = SummaryRequest.parse(arguments);

        assertThat(request.period().nights()).isEqualTo(31);
        assertThat(request.listingIds()).containsExactly(100020001L, 100020003L);
        assertThat(request.currency()).isEqualTo("EUR");
        assertThat(request.limit()).isEqualTo(7);
    }

    @Test
    void defaultsToEveryListingEveryCurrencyAndFiftyRows() {
        SummaryRequest request = SummaryRequest.parse(arguments("2026-01-01", "2026-01-01"));

        assertThat(request.period().nights()).isEqualTo(1);
        assertThat(request.listingIds()).isNull();
        assertThat(request.currency()).isNull();
        assertThat(request.limit()).isEqualTo(50);
    }

    @Test
    void refusesAToDateBeforeTheFromDate() {
        assertThatThrownBy(() -> SummaryRequest.parse(arguments("2026-02-01", "2026-01-31")))
                .isInstanceOfSatisfying(ToolFailure.class, failure -> {
                    assertThat(failure.errorType()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(failure.getMessage()).contains("toDate", "fromDate");
                    assertThat(failure.remediation()).contains("toDate on or after fromDate");
                });
    }

    @Test
    void allowsALeapYearButNotMoreThan366Nights() {
        assertThat(SummaryRequest.parse(arguments("2028-01-01", "2028-12-31")).period().nights()).isEqualTo(366);

        assertThatThrownBy(() -> SummaryRequest.parse(arguments("2026-01-01", "2027-01-02")))
                .isInstanceOfSatisfying(ToolFailure.class, failure -> {
                    assertThat(failure.errorType()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(failure.getMessage()).contains("367 nights", "366");
                });
    }

    @Test
    void theCursorFingerprintChangesWithEveryArgumentThatDecidesTheRows() {
        String base = SummaryRequest.parse(arguments("2026-01-01", "2026-01-31")).fingerprint();
        ObjectNode withListings = arguments("2026-01-01", "2026-01-31");
        withListings.putArray("listingIds").add(1);

        assertThat(List.of(SummaryRequest.parse(arguments("2026-01-02", "2026-01-31")).fingerprint(),
                SummaryRequest.parse(arguments("2026-01-01", "2026-01-30")).fingerprint(),
                SummaryRequest.parse(withListings).fingerprint(),
                SummaryRequest.parse(arguments("2026-01-01", "2026-01-31").put("currency", "USD")).fingerprint()))
                .doesNotContain(base).doesNotHaveDuplicates();
        assertThat(SummaryRequest.parse(arguments("2026-01-01", "2026-01-31").put("limit", 3)).fingerprint())
                .isEqualTo(base);
    }

    @Test
    void refusesListingIdsThatAreNotTheAccounts() {
        ObjectNode arguments = arguments("2026-01-01", "2026-01-31");
        arguments.putArray("listingIds").add(1).add(77);
        SummaryRequest request = SummaryRequest.parse(arguments);

        assertThatThrownBy(() -> request.requireKnown(List.of(new SummaryListing(1, "a", "EUR", false))))
                .isInstanceOfSatisfying(ToolFailure.class, failure -> {
                    assertThat(failure.errorType()).isEqualTo(ErrorType.NOT_FOUND);
                    assertThat(failure.getMessage()).contains("77").doesNotContain("1,");
                    assertThat(failure.remediation()).contains("list_listings");
                });
        assertThat(new SummaryPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1)).endExclusive())
                .isEqualTo(LocalDate.of(2026, 1, 2));
    }
}
