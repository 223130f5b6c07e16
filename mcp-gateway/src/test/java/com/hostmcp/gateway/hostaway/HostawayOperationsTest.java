package com.hostmcp.gateway.hostaway;

import static com.hostmcp.gateway.hostaway.TestOrganizations.await;
import static com.hostmcp.gateway.hostaway.TestOrganizations.bind;
import static com.hostmcp.gateway.hostaway.TestOrganizations.listingOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.secretOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.standIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations.ConversationQuery;
import com.hostmcp.gateway.hostaway.HostawayOperations.FinanceReportQuery;
import com.hostmcp.gateway.hostaway.HostawayOperations.FinanceReportType;
import com.hostmcp.gateway.hostaway.HostawayOperations.ListingQuery;
import com.hostmcp.gateway.hostaway.HostawayOperations.ReservationQuery;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every Hostaway operation against the stand-in, over HTTP: writes on an account of this class's own (shaped like
 * the SMALL seed account: three listings, the last archived), so that no other test sees them; reads also on MEDIUM.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class HostawayOperationsTest {

    private static long own;
    private static String ownSecret;
    private static final long MEDIUM = HostawaySeedAccounts.MEDIUM_ACCOUNT_ID;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    HostawayAccounts accounts;
    @Inject
    MeterRegistry registry;

    private HostawayCallStats stats;
    private HostawayOperations small;
    private HostawayOperations medium;

    @BeforeAll
    static void createOwnAccount() {
        own = TestTenants.newAccountId();
        ownSecret = secretOf(own);
        standIn().addAccount(own, ownSecret, 3, 1);
    }

    @BeforeEach
    void connect() {
        stats = new HostawayCallStats();
        small = bind(accounts, own, ownSecret, stats);
        medium = bind(accounts, MEDIUM, HostawaySeedAccounts.MEDIUM_SECRET, stats);
    }

    @Test
    void listsListingsWithTheTotalCountAndFilters() {
        HostawayPage all = await(medium.listListings(new ListingQuery(5, 0, null, null, null, null, null, null, null,
                null)));
        assertThat(all.count()).isEqualTo(12);
        assertThat(all.result()).hasSize(5);
        assertThat(all.limit()).isEqualTo(5);
        assertThat(all.offset()).isZero();

        HostawayPage second = await(medium.listListings(new ListingQuery(5, 5, null, null, null, null, null, null,
                null, null)));
        assertThat(second.result().get(0).path("id").asLong()).isEqualTo(listingOf(MEDIUM, 6));
    }

    @Test
    void getsAListingOfTheAccount() {
        ObjectNode listing = await(small.getListing(listingOf(own, 1)));
        assertThat(listing.path("id").asLong()).isEqualTo(listingOf(own, 1));
        assertThat(listing.path("name").asText()).isNotBlank();
    }

    @Test
    void aListingOfAnotherAccountIsNotFound() {
        assertThatThrownBy(() -> await(small.getListing(listingOf(MEDIUM, 1))))
                .isInstanceOf(HostawayException.NotFound.class)
                .hasMessageContaining("GET /v1/listings/" + listingOf(MEDIUM, 1));
    }

    @Test
    void createsAndUpdatesAListing() {
        ObjectNode listing = MAPPER.createObjectNode().put("name", "Loft by the river")
                .put("externalListingName", "Loft by the river").put("city", "Berlin").put("price", 120);
        ObjectNode created = await(small.createListing(listing));
        long id = created.path("id").asLong();
        assertThat(id).isPositive();

        ObjectNode updated = await(small.updateListing(id, MAPPER.createObjectNode().put("price", 135)));
        assertThat(updated.path("price").asDouble()).isEqualTo(135.0);
        assertThat(await(small.getListing(id)).path("name").asText()).isEqualTo("Loft by the river");
    }

    @Test
    void readsAndUpdatesTheCalendar() {
        long listingId = listingOf(own, 1);
        LocalDate start = LocalDate.of(2026, 8, 1);
        ArrayNode days = await(small.getCalendar(listingId, start, start.plusDays(6)));
        assertThat(days).hasSize(7);
        assertThat(days.get(0).path("date").asText()).isEqualTo("2026-08-01");

        ArrayNode intervals = MAPPER.createArrayNode();
        intervals.addObject().put("startDate", "2026-08-03").put("endDate", "2026-08-04").put("price", 333)
                .put("isAvailable", 1);
        await(small.updateCalendarIntervals(listingId, intervals));

        ArrayNode after = await(small.getCalendar(listingId, LocalDate.of(2026, 8, 3), LocalDate.of(2026, 8, 3)));
        assertThat(after.get(0).path("price").asDouble()).isEqualTo(333.0);
    }

    @Test
    void aCalendarChangeOnAnArchivedListingIsRejectedWithHostawaysMessage() {
        long archived = listingOf(own, 3);
        ArrayNode intervals = MAPPER.createArrayNode();
        intervals.addObject().put("startDate", "2026-08-03").put("endDate", "2026-08-04").put("isAvailable", 0);

        assertThatThrownBy(() -> await(small.updateCalendarIntervals(archived, intervals)))
                .isInstanceOf(HostawayException.Rejected.class)
                .hasMessageStartingWith("PUT /v1/listings/" + archived + "/calendarIntervals: ")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
    }

    @Test
    void searchesReservationsWithACursorAndGetsOneById() {
        HostawayPage first = await(small.searchReservations(new ReservationQuery(3, null, null,
                listingOf(own, 1), null, null, null, null, null, null, null)));
        assertThat(first.result()).hasSize(3);
        assertThat(first.count()).isGreaterThanOrEqualTo(5);
        assertThat(first.result()).allSatisfy(r -> assertThat(r.path("listingMapId").asLong())
                .isEqualTo(listingOf(own, 1)));

        long lastId = first.result().get(2).path("id").asLong();
        HostawayPage next = await(small.searchReservations(new ReservationQuery(3, null, lastId,
                listingOf(own, 1), null, null, null, null, null, null, null)));
        assertThat(next.result()).isNotEmpty();
        assertThat(next.result().get(0).path("id").asLong()).isNotEqualTo(lastId);

        ObjectNode reservation = await(small.getReservation(lastId));
        assertThat(reservation.path("id").asLong()).isEqualTo(lastId);
        assertThat(lastId / 100_000).isEqualTo(own);
    }

    @Test
    void aReservationOfAnotherAccountIsNotFound() {
        long mediumReservation = await(medium.searchReservations(new ReservationQuery(1, null, null, null, null,
                null, null, null, null, null, null))).result().get(0).path("id").asLong();

        assertThatThrownBy(() -> await(small.getReservation(mediumReservation)))
                .isInstanceOf(HostawayException.NotFound.class);
    }

    @Test
    void listsConversationsAndTheirMessagesAndSendsAMessage() {
        HostawayPage conversations = await(small.listConversations(new ConversationQuery(10, 0, null)));
        assertThat(conversations.result()).isNotEmpty();
        long conversationId = conversations.result().get(0).path("id").asLong();
        assertThat(conversationId / 100_000).isEqualTo(own);

        HostawayPage before = await(small.listMessages(conversationId, 50, 0));
        ObjectNode sent = await(small.sendMessage(conversationId, "Your check-in code is in the app.", "email"));
        assertThat(sent.path("body").asText()).isEqualTo("Your check-in code is in the app.");

        HostawayPage after = await(small.listMessages(conversationId, 50, 0));
        assertThat(after.count()).isEqualTo(before.count() + 1);
    }

    @Test
    void returnsTheFinanceReportAsCsv() {
        String csv = await(small.financeReportCsv(FinanceReportType.CONSOLIDATED,
                new FinanceReportQuery(List.of(listingOf(own, 1), listingOf(own, 2)), LocalDate.of(2025, 1, 1),
                        LocalDate.of(2027, 12, 31), "arrivalDate", null, List.of("new", "modified"))));
        assertThat(csv.lines().count()).isGreaterThan(1);
        assertThat(csv).doesNotStartWith("{");
    }

    @Test
    void timesEveryExchangeByTemplatedOperationAndStatus() {
        await(small.getListing(listingOf(own, 2)));

        Timer listings = registry.find("hostmcp.hostaway.requests").tag("operation", "GET /v1/listings/{id}")
                .tag("status", "200").timer();
        assertThat(listings).isNotNull();
        assertThat(listings.count()).isPositive();
        assertThat(registry.find("hostmcp.hostaway.requests").tag("operation", "POST /v1/accessTokens").timer())
                .isNotNull();
        assertThat(registry.find("hostmcp.hostaway.requests").timers()).allSatisfy(
                timer -> assertThat(timer.getId().getTag("operation")).doesNotContainPattern("/\\d"));
    }

    @Test
    void countsEveryExchangeOfTheCallInTheStats() {
        HostawayCallStats callStats = new HostawayCallStats();
        HostawayOperations operations = bind(accounts, own, ownSecret, callStats);
        await(operations.getListing(listingOf(own, 1)));
        await(operations.getListing(listingOf(own, 2)));

        // a new organization id means new ciphertext: one token request, then the two GETs
        assertThat(callStats.calls()).isEqualTo(3);
        assertThat(callStats.lastStatus()).isEqualTo(200);
    }
}
