package com.hostmcp.gateway.hostaway;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * The Hostaway API v1 as one organization's tools see it: one method per endpoint the tools use, bound to that
 * organization's account (token, rate limits, retries and circuit breaker are handled behind it). Results are
 * Hostaway's own JSON ({@code result} of the envelope), so that tools can choose fields without a lossy mapping.
 * Failures are the exceptions of this package ({@link HostawayException} and subclasses).
 */
public interface HostawayOperations {

    /** GET /v1/listings. */
    Uni<HostawayPage> listListings(ListingQuery query);

    /** GET /v1/listings/{id}. */
    Uni<ObjectNode> getListing(long listingId);

    /** POST /v1/listings: the created listing. */
    Uni<ObjectNode> createListing(ObjectNode listing);

    /** PUT /v1/listings/{id} with only the fields that change: the updated listing. */
    Uni<ObjectNode> updateListing(long listingId, ObjectNode changes);

    /** GET /v1/listings/{id}/calendar?startDate&endDate: one object per day. */
    Uni<ArrayNode> getCalendar(long listingId, LocalDate startDate, LocalDate endDate);

    /**
     * PUT /v1/listings/{id}/calendarIntervals: 1-200 intervals of {startDate, endDate, isAvailable, price, minimumStay, ...}.
     */
    Uni<JsonNode> updateCalendarIntervals(long listingId, ArrayNode intervals);

    /** GET /v1/reservations. */
    Uni<HostawayPage> searchReservations(ReservationQuery query);

    /** GET /v1/reservations/{id}. */
    Uni<ObjectNode> getReservation(long reservationId);

    /** GET /v1/conversations. */
    Uni<HostawayPage> listConversations(ConversationQuery query);

    /** GET /v1/conversations/{id}/messages. */
    Uni<HostawayPage> listMessages(long conversationId, int limit, int offset);

    /** POST /v1/conversations/{id}/messages: the message as stored. Not idempotent: never retried after sending. */
    Uni<ObjectNode> sendMessage(long conversationId, String body, String communicationType);

    /** POST /v1/finance/report/{type} with {@code format=csv}: the CSV text as Hostaway sent it. */
    Uni<String> financeReportCsv(FinanceReportType type, FinanceReportQuery query);

    /** GET /v1/listings query; null fields are not sent. */
    record ListingQuery(Integer limit, Integer offset, String city, String country, String match,
            Integer propertyTypeId, LocalDate availabilityDateStart, LocalDate availabilityDateEnd,
            Integer availabilityGuestNumber, String sortOrder) {
    }

    /** GET /v1/reservations query; null fields are not sent. {@code match} searches guest names. */
    record ReservationQuery(Integer limit, Integer offset, Long afterId, Long listingId, LocalDate arrivalStartDate,
            LocalDate arrivalEndDate, LocalDate departureStartDate, LocalDate departureEndDate, String match,
            String guestEmail, String sortOrder) {
    }

    /** GET /v1/conversations query; null fields are not sent. */
    record ConversationQuery(Integer limit, Integer offset, Long reservationId) {
    }

    /** The four finance reports of /v1/finance/report/{type}. */
    enum FinanceReportType {
        STANDARD("standard"),
        CONSOLIDATED("consolidated"),
        CALCULATED("calculated"),
        LISTING_FINANCIALS("listingFinancials");

        private final String path;

        FinanceReportType(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /**
     * Finance report form fields; null or empty fields are not sent. {@code dateType}:
     * arrivalDate|departureDate|reservationDate.
     */
    record FinanceReportQuery(List<Long> listingMapIds, LocalDate fromDate, LocalDate toDate, String dateType,
            List<Integer> channelIds, List<String> statuses) {
    }
}
