package com.hostmcp.gateway.tools.finance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations;
import com.hostmcp.gateway.hostaway.HostawayOperations.ListingQuery;
import com.hostmcp.gateway.hostaway.HostawayOperations.ReservationQuery;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolFailure;

import io.smallrye.mutiny.Uni;

/**
 * Reads what a summary needs from Hostaway with few, large pages (the account allows 20 requests per 10 s): every
 * listing ({@code GET /v1/listings}, offset pages), and the reservations that overlap the period
 * ({@code GET /v1/reservations} with {@code arrivalEndDate} = last night and {@code departureStartDate} = the day
 * after the first night, walked with the {@code afterId} cursor). The walk is bounded: a period with more reservations
 * than {@link #MAX_RESERVATION_PAGES} pages hold fails as a whole instead of giving partial numbers.
 */
final class PeriodData {

    static final int PAGE_SIZE = 500;
    static final int MAX_RESERVATION_PAGES = 10;
    static final int MAX_RESERVATIONS = PAGE_SIZE * MAX_RESERVATION_PAGES;
    static final int MAX_LISTING_PAGES = 20;
    /** Up to this many listings asked for by id are read with one {@code listingId} query each. */
    static final int PER_LISTING_QUERIES_MAX = 5;

    private PeriodData() {
    }

    /** Every listing of the account. */
    static Uni<List<SummaryListing>> listings(HostawayOperations hostaway) {
        return listingPages(hostaway, 0, new ArrayList<>(), 0);
    }

    private static Uni<List<SummaryListing>> listingPages(HostawayOperations hostaway, int offset,
            List<SummaryListing> collected, int pagesRead) {
        if (pagesRead == MAX_LISTING_PAGES) {
            return Uni.createFrom().failure(new ToolFailure(ErrorType.UPSTREAM,
                    "The account has more than " + PAGE_SIZE * MAX_LISTING_PAGES
                            + " listings, more than get_financial_summary reads.",
                    "Use get_financial_report (Hostaway's own finance reports) for this account."));
        }
        return hostaway
                .listListings(new ListingQuery(PAGE_SIZE, offset, null, null, null, null, null, null, null, null))
                .flatMap(page -> {
                    for (JsonNode listing : page.result()) {
                        collected.add(new SummaryListing(listing.path("id").asLong(),
                                listing.path("name").asText(null), listing.path("currencyCode").asText(null),
                                "archived".equals(listing.path("specialStatus").asText(null))));
                    }
                    int next = offset + page.result().size();
                    if (page.result().isEmpty() || (page.count() > 0 && next >= page.count())) {
                        return Uni.createFrom().item(collected);
                    }
                    return listingPages(hostaway, next, collected, pagesRead + 1);
                });
    }

    /**
     * The reservations overlapping {@code period}, each once: of the whole account, or, when at most
     * {@link #PER_LISTING_QUERIES_MAX} listings are asked for, of those listings only.
     */
    static Uni<Collection<ObjectNode>> reservations(HostawayOperations hostaway, SummaryPeriod period,
            List<Long> listingIds) {
        Map<Long, ObjectNode> byId = new LinkedHashMap<>();
        AtomicInteger pagesRead = new AtomicInteger();
        if (listingIds == null || listingIds.size() > PER_LISTING_QUERIES_MAX) {
            return reservationPages(hostaway, period, null, null, byId, 0, pagesRead).map(ignored -> byId.values());
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Long listingId : listingIds) {
            chain = chain.flatMap(
                    ignored -> reservationPages(hostaway, period, listingId, null, byId, 0, pagesRead));
        }
        return chain.map(ignored -> byId.values());
    }

    private static Uni<Void> reservationPages(HostawayOperations hostaway, SummaryPeriod period, Long listingId,
            Long afterId, Map<Long, ObjectNode> collected, int collectedForQuery, AtomicInteger pagesRead) {
        if (pagesRead.get() == MAX_RESERVATION_PAGES) {
            return Uni.createFrom().failure(tooManyReservations());
        }
        pagesRead.incrementAndGet();
        ReservationQuery query = new ReservationQuery(PAGE_SIZE, null, afterId, listingId, null, period.toDate(),
                period.endExclusive(), null, null, null, null);
        return hostaway.searchReservations(query).flatMap(page -> {
            if (page.count() > MAX_RESERVATIONS) {
                return Uni.createFrom().failure(tooManyReservations());
            }
            int seen = collectedForQuery + page.result().size();
            for (JsonNode reservation : page.result()) {
                if (reservation instanceof ObjectNode object) {
                    collected.put(object.path("id").asLong(), object);
                }
            }
            // count is the number of matches of the whole walk; a page without a count ends only when empty
            if (page.result().isEmpty() || (page.count() > 0 && seen >= page.count())) {
                return Uni.createFrom().voidItem();
            }
            long lastId = page.result().get(page.result().size() - 1).path("id").asLong();
            return reservationPages(hostaway, period, listingId, lastId, collected, seen, pagesRead);
        });
    }

    private static ToolFailure tooManyReservations() {
        return ToolFailure.validation(
                "More than " + MAX_RESERVATIONS
                        + " reservations overlap this period, more than get_financial_summary adds up in one call;"
                        + " it does not return partial numbers.",
                "Use a shorter period (fromDate/toDate, e.g. one quarter or one month at a time) or pass at most "
                        + PER_LISTING_QUERIES_MAX
                        + " listingIds (read listing by listing); or use get_financial_report for Hostaway's own"
                        + " finance reports.");
    }
}
