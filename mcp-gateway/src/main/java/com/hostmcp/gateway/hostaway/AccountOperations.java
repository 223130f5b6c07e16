package com.hostmcp.gateway.hostaway;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayRequestExecutor.BoundAccount;
import com.hostmcp.gateway.hostaway.HostawayRequestExecutor.Reply;

import io.smallrye.mutiny.Uni;

/** {@link HostawayOperations} of one organization's account: each method is one request through the executor. */
final class AccountOperations implements HostawayOperations {

    private static final String LISTING = "/v1/listings/{id}";
    private static final String CONVERSATION_MESSAGES = "/v1/conversations/{id}/messages";

    private final BoundAccount account;
    private final HostawayRestClient client;
    private final HostawayRequestExecutor executor;
    private final ObjectMapper mapper;

    AccountOperations(BoundAccount account, HostawayRestClient client, HostawayRequestExecutor executor,
            ObjectMapper mapper) {
        this.account = account;
        this.client = client;
        this.executor = executor;
        this.mapper = mapper;
    }

    @Override
    public Uni<HostawayPage> listListings(ListingQuery query) {
        return page(HostawayRequest.read("/v1/listings"),
                auth -> client.listListings(auth, query.limit(), query.offset(), query.city(), query.country(),
                        query.match(), query.propertyTypeId(), text(query.availabilityDateStart()),
                        text(query.availabilityDateEnd()), query.availabilityGuestNumber(), query.sortOrder()));
    }

    @Override
    public Uni<ObjectNode> getListing(long listingId) {
        return object(HostawayRequest.read(LISTING, listingId), auth -> client.getListing(auth, listingId));
    }

    @Override
    public Uni<ObjectNode> createListing(ObjectNode listing) {
        return object(HostawayRequest.nonIdempotentWrite("POST", "/v1/listings"),
                auth -> client.createListing(auth, listing));
    }

    @Override
    public Uni<ObjectNode> updateListing(long listingId, ObjectNode changes) {
        return object(HostawayRequest.idempotentWrite("PUT", LISTING, listingId),
                auth -> client.updateListing(auth, listingId, changes));
    }

    @Override
    public Uni<ArrayNode> getCalendar(long listingId, LocalDate startDate, LocalDate endDate) {
        HostawayRequest request = HostawayRequest.read("/v1/listings/{id}/calendar", listingId);
        return result(request, auth -> client.getCalendar(auth, listingId, text(startDate), text(endDate)))
                .map(result -> array(request, result));
    }

    @Override
    public Uni<JsonNode> updateCalendarIntervals(long listingId, ArrayNode intervals) {
        return result(HostawayRequest.idempotentWrite("PUT", "/v1/listings/{id}/calendarIntervals", listingId),
                auth -> client.updateCalendarIntervals(auth, listingId, intervals));
    }

    @Override
    public Uni<HostawayPage> searchReservations(ReservationQuery query) {
        return page(HostawayRequest.read("/v1/reservations"),
                auth -> client.searchReservations(auth, query.limit(), query.offset(), query.afterId(),
                        query.listingId(), text(query.arrivalStartDate()), text(query.arrivalEndDate()),
                        text(query.departureStartDate()), text(query.departureEndDate()), query.match(),
                        query.guestEmail(), query.sortOrder()));
    }

    @Override
    public Uni<ObjectNode> getReservation(long reservationId) {
        return object(HostawayRequest.read("/v1/reservations/{id}", reservationId),
                auth -> client.getReservation(auth, reservationId));
    }

    @Override
    public Uni<HostawayPage> listConversations(ConversationQuery query) {
        return page(HostawayRequest.read("/v1/conversations"),
                auth -> client.listConversations(auth, query.limit(), query.offset(), query.reservationId()));
    }

    @Override
    public Uni<HostawayPage> listMessages(long conversationId, int limit, int offset) {
        return page(HostawayRequest.read(CONVERSATION_MESSAGES, conversationId),
                auth -> client.listMessages(auth, conversationId, limit, offset));
    }

    @Override
    public Uni<ObjectNode> sendMessage(long conversationId, String body, String communicationType) {
        ObjectNode message = mapper.createObjectNode().put("body", body);
        if (communicationType != null) {
            message.put("communicationType", communicationType);
        }
        return object(HostawayRequest.nonIdempotentWrite("POST", CONVERSATION_MESSAGES, conversationId),
                auth -> client.sendMessage(auth, conversationId, message));
    }

    @Override
    public Uni<String> financeReportCsv(FinanceReportType type, FinanceReportQuery query) {
        HostawayRequest request = HostawayRequest.idempotentWrite("POST", "/v1/finance/report/" + type.path());
        return executor.execute(account, request,
                auth -> client.financeReport(auth, type.path(), "csv", text(query.fromDate()), text(query.toDate()),
                        query.dateType(), texts(query.listingMapIds()), texts(query.channelIds()),
                        texts(query.statuses())))
                .map(reply -> {
                    // a CSV never starts with '{': a JSON body here is Hostaway's failure envelope
                    if (reply.body().stripLeading().startsWith("{")) {
                        envelope(request, reply);
                    }
                    return reply.body();
                });
    }

    private Uni<ObjectNode> object(HostawayRequest request, Function<String, Uni<Response>> send) {
        return result(request, send).map(result -> {
            if (!result.isObject()) {
                throw unexpected(request, "an object");
            }
            return (ObjectNode) result;
        });
    }

    private Uni<JsonNode> result(HostawayRequest request, Function<String, Uni<Response>> send) {
        return executor.execute(account, request, send).map(reply -> envelope(request, reply).path("result"));
    }

    private Uni<HostawayPage> page(HostawayRequest request, Function<String, Uni<Response>> send) {
        return executor.execute(account, request, send).map(reply -> {
            JsonNode envelope = envelope(request, reply);
            ArrayNode rows = array(request, envelope.path("result"));
            Integer count = integer(envelope.path("count"));
            return new HostawayPage(rows, count == null ? rows.size() : count, integer(envelope.path("limit")),
                    integer(envelope.path("offset")));
        });
    }

    /** The parsed envelope of a 2xx answer; {@code status: fail} is a refusal even with 200. */
    private JsonNode envelope(HostawayRequest request, Reply reply) {
        JsonNode envelope = executor.json(reply);
        if (!envelope.isObject()) {
            throw unexpected(request, "a JSON envelope");
        }
        if ("fail".equals(envelope.path("status").asText())) {
            throw new HostawayException.Rejected(
                    request.name() + ": Hostaway refused the request: " + executor.message(reply));
        }
        return envelope;
    }

    private ArrayNode array(HostawayRequest request, JsonNode result) {
        if (result.isArray()) {
            return (ArrayNode) result;
        }
        throw unexpected(request, "a list");
    }

    private static HostawayException unexpected(HostawayRequest request, String expected) {
        return new HostawayException.Unavailable(request.name() + ": Hostaway answered without " + expected, 1);
    }

    /** Hostaway sends numbers, numeric strings ("1") or null. */
    private static Integer integer(JsonNode value) {
        if (value.isNumber()) {
            return value.intValue();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,9}")) {
            return Integer.valueOf(value.asText());
        }
        return null;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static List<String> texts(List<?> values) {
        return values == null || values.isEmpty() ? null : values.stream().map(String::valueOf).toList();
    }
}
