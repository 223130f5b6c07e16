package com.hostmcp.gateway.tools.reservations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations.ReservationQuery;
import com.hostmcp.gateway.hostaway.HostawayPage;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * search_reservations: GET /v1/reservations with Hostaway's {@code afterId} cursor (FACTS §1.2). Hostaway cannot
 * filter by status, so a status filter is applied here while paging, over at most {@link #MAX_SCAN_PAGES} Hostaway
 * pages per call.
 */
@ApplicationScoped
public class SearchReservationsTool implements GatewayTool {

    static final String NAME = "search_reservations";
    /** Hostaway pages read per call when filtering by status: bounds the call's share of the account rate limit. */
    static final int MAX_SCAN_PAGES = 5;
    static final int SCAN_PAGE_SIZE = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Search the reservations of the connected Hostaway account. Filters: listingId, arrival date range \
                (arrivalFrom/arrivalTo), departure date range (departureFrom/departureTo), status (one or more \
                Hostaway statuses), guestName (part of the guest's name) and guestEmail (exact). Use it to find \
                reservations (upcoming arrivals, stays at a listing, a guest's bookings) and their ids. Do NOT use it \
                for one known reservation (use get_reservation), the guest's contact details (use get_guest), \
                messages (use list_conversations) or revenue figures (use get_financial_summary or \
                get_financial_report).
                Each item is a summary: id, listingMapId (the listing id), listingName (null when Hostaway does not \
                send it: use get_listing), status, channelName, arrivalDate, departureDate, nights, numberOfGuests, \
                totalPrice, currency, guestName. Add fields with `fields` (e.g. ["phone","guestEmail"]) or \
                ["all"] for the whole Hostaway object (large: use a small limit).
                Order: most recently updated first (Hostaway's order). Paging: `limit` (1-100, default 20) per call; \
                pass `nextCursor` back as `cursor` with the same filters for the next page. `total` is Hostaway's \
                count of matches; it is null when a status filter is used, because Hostaway cannot filter by status \
                and the gateway filters the pages itself (then one call reads at most 500 reservations and may \
                return fewer than `limit` items with a nextCursor: follow it to continue). Narrow with date ranges \
                to keep status searches fast.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Search reservations", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        Search search = Search.of(arguments);
        ObjectNode state = ListResponse.resume(context.cursors(), Arguments.optionalText(arguments, "cursor"),
                search.fingerprint());
        Long afterId = state == null ? null : state.path("afterId").asLong();
        return scan(context, search, afterId, new Scan(new ArrayList<>(), null, null, 0, false))
                .map(scan -> toResult(context, search, scan));
    }

    /** What one call has read from Hostaway so far. */
    record Scan(List<JsonNode> matches, Long lastScannedId, Integer total, int pages, boolean exhausted) {
    }

    private Uni<Scan> scan(ToolContext context, Search search, Long afterId, Scan scan) {
        // one more than the limit tells whether there is a next page
        int pageSize = search.statuses().isEmpty() ? search.limit() + 1 : SCAN_PAGE_SIZE;
        return context.hostaway().searchReservations(search.query(pageSize, afterId)).flatMap(page -> {
            Scan next = absorb(scan, page, search, pageSize);
            boolean enough = next.matches().size() > search.limit();
            if (enough || next.exhausted() || next.pages() >= MAX_SCAN_PAGES) {
                return Uni.createFrom().item(next);
            }
            return scan(context, search, next.lastScannedId(), next);
        });
    }

    static Scan absorb(Scan scan, HostawayPage page, Search search, int pageSize) {
        List<JsonNode> matches = scan.matches();
        Long lastScannedId = scan.lastScannedId();
        for (JsonNode reservation : page.result()) {
            lastScannedId = reservation.path("id").asLong();
            if (search.statuses().isEmpty() || search.statuses().contains(reservation.path("status").asText())) {
                matches.add(reservation);
                if (matches.size() > search.limit()) {
                    break;
                }
            }
        }
        Integer total = search.statuses().isEmpty() ? Integer.valueOf(page.count()) : null;
        return new Scan(matches, lastScannedId, total, scan.pages() + 1, page.result().size() < pageSize);
    }

    private static ToolResult toResult(ToolContext context, Search search, Scan scan) {
        List<JsonNode> matches = scan.matches();
        boolean more = matches.size() > search.limit();
        List<JsonNode> shown = more ? matches.subList(0, search.limit()) : matches;
        List<ObjectNode> items = shown.stream()
                .map(r -> ReservationFields.select(r, ReservationFields.SEARCH_SUMMARY, search.fields())).toList();
        String nextCursor = null;
        String note = null;
        if (more) {
            nextCursor = cursorAfter(context, search, shown.get(shown.size() - 1).path("id").asLong());
        } else if (!scan.exhausted() && scan.lastScannedId() != null) {
            // the scan limit stopped a status search: continue after the last reservation read
            nextCursor = cursorAfter(context, search, scan.lastScannedId());
            note = "Status is filtered by the gateway: this call read " + scan.pages() * SCAN_PAGE_SIZE
                    + " reservations and found " + shown.size()
                    + " matches. Follow nextCursor for more, or narrow with arrival/departure dates or listingId.";
        }
        ObjectNode list = ListResponse.build(new ListResponse.Page(items, scan.total(), nextCursor, note),
                i -> cursorAfter(context, search, items.get(i).path("id").asLong()),
                "ask for fewer fields, a smaller limit, or narrow the dates.");
        String heading = "Reservations: " + list.get("returned").asInt() + " shown"
                + (scan.total() == null ? "" : " of " + scan.total()) + ".";
        return ListResponse.toResult(list, heading, SearchReservationsTool::line);
    }

    private static String cursorAfter(ToolContext context, Search search, long reservationId) {
        return context.cursors().encode(ListResponse.cursorState(search.fingerprint()).put("afterId", reservationId));
    }

    private static String line(JsonNode r) {
        return "#" + r.path("id").asText() + " " + r.path("status").asText() + " " + r.path("arrivalDate").asText()
                + "→" + r.path("departureDate").asText() + " listing " + r.path("listingMapId").asText() + " "
                + r.path("channelName").asText() + " " + r.path("guestName").asText() + " "
                + r.path("totalPrice").asText() + " " + r.path("currency").asText();
    }

    /** The arguments of one call. */
    record Search(Long listingId, LocalDate arrivalFrom, LocalDate arrivalTo, LocalDate departureFrom,
            LocalDate departureTo, Set<String> statuses, String guestName, String guestEmail, List<String> fields,
            int limit) {

        static Search of(ObjectNode arguments) {
            LocalDate arrivalFrom = Arguments.optionalDate(arguments, "arrivalFrom");
            LocalDate arrivalTo = Arguments.optionalDate(arguments, "arrivalTo");
            LocalDate departureFrom = Arguments.optionalDate(arguments, "departureFrom");
            LocalDate departureTo = Arguments.optionalDate(arguments, "departureTo");
            Arguments.requireRange(arrivalFrom, "arrivalFrom", arrivalTo, "arrivalTo", 0);
            Arguments.requireRange(departureFrom, "departureFrom", departureTo, "departureTo", 0);
            return new Search(Arguments.optionalLong(arguments, "listingId"), arrivalFrom, arrivalTo, departureFrom,
                    departureTo, Set.copyOf(Arguments.textList(arguments, "status")),
                    Arguments.optionalText(arguments, "guestName"), Arguments.optionalText(arguments, "guestEmail"),
                    Arguments.textList(arguments, "fields"), Arguments.intOr(arguments, "limit", 20));
        }

        ReservationQuery query(int pageSize, Long afterId) {
            return new ReservationQuery(pageSize, null, afterId, listingId, arrivalFrom, arrivalTo, departureFrom,
                    departureTo, guestName, guestEmail, null);
        }

        /** Everything but fields and limit, which may change between pages. */
        String fingerprint() {
            ObjectNode filters = ListResponse.NODES.objectNode();
            filters.put("listingId", listingId);
            filters.put("arrivalFrom", String.valueOf(arrivalFrom));
            filters.put("arrivalTo", String.valueOf(arrivalTo));
            filters.put("departureFrom", String.valueOf(departureFrom));
            filters.put("departureTo", String.valueOf(departureTo));
            statuses.stream().sorted().forEach(filters.putArray("status")::add);
            filters.put("guestName", guestName);
            filters.put("guestEmail", guestEmail == null ? null : guestEmail.toLowerCase(java.util.Locale.ROOT));
            return ListResponse.fingerprint(filters);
        }
    }
}
