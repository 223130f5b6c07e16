package com.hostmcp.gateway.tools.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations;
import com.hostmcp.gateway.hostaway.HostawayOperations.ListingQuery;
import com.hostmcp.gateway.hostaway.HostawayOperations.ReservationQuery;
import com.hostmcp.gateway.hostaway.HostawayPage;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolFailure;

import io.smallrye.mutiny.Uni;

/** The Hostaway requests a summary makes: query mapping, cursor walk, stop rules and the bound. */
class PeriodDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SummaryPeriod MARCH = new SummaryPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Answers reservation and listing pages from a function of the query, and records the queries. */
    private static final class Pages implements HostawayOperations {
        final List<ReservationQuery> reservationQueries = new ArrayList<>();
        final List<ListingQuery> listingQueries = new ArrayList<>();
        private final Function<ReservationQuery, HostawayPage> reservations;
        private final Function<ListingQuery, HostawayPage> listings;

        Pages(Function<ReservationQuery, HostawayPage> reservations, Function<ListingQuery, HostawayPage> listings) {
            this.reservations = reservations;
            this.listings = listings;
        }

        @Override
        public Uni<HostawayPage> searchReservations(ReservationQuery query) {
            reservationQueries.add(query);
            return Uni.createFrom().item(reservations.apply(query));
        }

        @Override
        public Uni<HostawayPage> listListings(ListingQuery query) {
            listingQueries.add(query);
            return Uni.createFrom().item(listings.apply(query));
        }

        @Override
        public Uni<ObjectNode> getListing(long listingId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<ObjectNode> createListing(ObjectNode listing) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<ObjectNode> updateListing(long listingId, ObjectNode changes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<ArrayNode> getCalendar(long listingId, LocalDate startDate, LocalDate endDate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<JsonNode> updateCalendarIntervals(long listingId, ArrayNode intervals) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<ObjectNode> getReservation(long reservationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<HostawayPage> listConversations(ConversationQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<HostawayPage> listMessages(long conversationId, int limit, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<ObjectNode> sendMessage(long conversationId, String body, String communicationType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<String> financeReportCsv(FinanceReportType type, FinanceReportQuery query) {
            throw new UnsupportedOperationException();
        }
    }

    /** {@code total} reservations with ids total..1 (Hostaway's default order is descending), cut by afterId. */
    private static HostawayPage descendingIds(ReservationQuery query, int total) {
        ArrayNode rows = JSON.createArrayNode();
        long start = query.afterId() == null ? total : query.afterId() - 1;
        for (long id = start; id >= 1 && rows.size() < query.limit(); id--) {
            rows.addObject().put("id", id).put("listingMapId", query.listingId() == null ? 7 : query.listingId());
        }
        return new HostawayPage(rows, total, query.limit(), null);
    }

    private static HostawayPage noListings(ListingQuery query) {
        return new HostawayPage(JSON.createArrayNode(), 0, query.limit(), query.offset());
    }

    @Test
    void asksForTheReservationsOverlappingThePeriodAndWalksTheCursorToTheShortLastPage() {
        Pages hostaway = new Pages(query -> descendingIds(query, 1_040), PeriodDataTest::noListings);

        Collection<ObjectNode> found = PeriodData.reservations(hostaway, MARCH, null).await().atMost(WAIT);

        assertThat(found).hasSize(1_040);
        assertThat(hostaway.reservationQueries).hasSize(3).allSatisfy(query -> {
            assertThat(query.limit()).isEqualTo(500);
            assertThat(query.arrivalEndDate()).isEqualTo(LocalDate.of(2026, 3, 31));
            assertThat(query.departureStartDate()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(query.arrivalStartDate()).isNull();
            assertThat(query.departureEndDate()).isNull();
            assertThat(query.listingId()).isNull();
            assertThat(query.offset()).isNull();
        });
        assertThat(hostaway.reservationQueries).extracting(ReservationQuery::afterId).containsExactly(null, 541L,
                41L);
    }

    @Test
    void aFullLastPageIsFollowedByOneMoreRequestThatComesBackEmpty() {
        Pages hostaway = new Pages(query -> descendingIds(query, 1_000), PeriodDataTest::noListings);

        assertThat(PeriodData.reservations(hostaway, MARCH, null).await().atMost(WAIT)).hasSize(1_000);
        assertThat(hostaway.reservationQueries).extracting(ReservationQuery::afterId).containsExactly(null, 501L,
                1L);
    }

    @Test
    void aFewListingsAreReadOneByOneAndManyAccountWide() {
        Pages few = new Pages(query -> descendingIds(query, 3), PeriodDataTest::noListings);
        PeriodData.reservations(few, MARCH, List.of(11L, 12L)).await().atMost(WAIT);
        assertThat(few.reservationQueries).extracting(ReservationQuery::listingId).containsExactly(11L, 12L);

        Pages many = new Pages(query -> descendingIds(query, 3), PeriodDataTest::noListings);
        PeriodData.reservations(many, MARCH, List.of(1L, 2L, 3L, 4L, 5L, 6L)).await().atMost(WAIT);
        assertThat(many.reservationQueries).singleElement()
                .satisfies(query -> assertThat(query.listingId()).isNull());
    }

    @Test
    void moreReservationsThanTenPagesFailAfterTheFirstRequestWithoutPartialNumbers() {
        Pages hostaway = new Pages(query -> descendingIds(query, 5_001), PeriodDataTest::noListings);

        assertThatThrownBy(() -> PeriodData.reservations(hostaway, MARCH, null).await().atMost(WAIT))
                .isInstanceOfSatisfying(ToolFailure.class, failure -> {
                    assertThat(failure.errorType()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(failure.getMessage()).contains("More than 5000 reservations");
                    assertThat(failure.remediation()).contains("shorter period", "listingIds");
                });
        assertThat(hostaway.reservationQueries).hasSize(1);
    }

    @Test
    void aCountThatUnderstatesTheRowsStillEndsAfterTenPages() {
        // pages that never end (a client that copies the page size into count): the bound holds
        Pages hostaway = new Pages(query -> {
            HostawayPage page = descendingIds(query, 100_000);
            return new HostawayPage(page.result(), page.result().size(), query.limit(), null);
        }, PeriodDataTest::noListings);

        assertThatThrownBy(() -> PeriodData.reservations(hostaway, MARCH, null).await().atMost(WAIT))
                .isInstanceOf(ToolFailure.class);
        assertThat(hostaway.reservationQueries).hasSize(10);
    }

    @Test
    void readsEveryListingWithOffsetPages() {
        Pages hostaway = new Pages(query -> descendingIds(query, 0), query -> {
            ArrayNode rows = JSON.createArrayNode();
            for (int n = query.offset(); n < Math.min(520, query.offset() + query.limit()); n++) {
                ObjectNode listing = rows.addObject().put("id", 1000 + n).put("name", "Listing " + n)
                        .put("currencyCode", "EUR");
                if (n >= 500) {
                    listing.put("specialStatus", "archived");
                } else {
                    listing.putNull("specialStatus");
                }
            }
            return new HostawayPage(rows, 520, query.limit(), query.offset());
        });

        List<SummaryListing> listings = PeriodData.listings(hostaway).await().atMost(WAIT);

        assertThat(listings).hasSize(520);
        assertThat(listings.get(0)).isEqualTo(new SummaryListing(1000, "Listing 0", "EUR", false));
        assertThat(listings.get(519).archived()).isTrue();
        assertThat(hostaway.listingQueries).extracting(ListingQuery::offset).containsExactly(0, 500);
    }
}
