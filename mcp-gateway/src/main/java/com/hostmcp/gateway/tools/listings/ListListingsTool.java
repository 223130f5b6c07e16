package com.hostmcp.gateway.tools.listings;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations.ListingQuery;
import com.hostmcp.gateway.hostaway.HostawayPage;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.PageCursors;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** {@code list_listings}: GET /v1/listings as pages of listing summaries with an opaque offset cursor. */
@ApplicationScoped
public class ListListingsTool implements GatewayTool {

    static final String NAME = "list_listings";
    static final int DEFAULT_LIMIT = 20;
    /** The longest availability window, in nights, that the availability filter accepts. */
    static final int MAX_AVAILABILITY_DAYS = 366;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Lists the caller's Hostaway listings (properties), a page at a time, with filters: city, country \
                (name or ISO code), match (part of the listing name), propertyTypeId, guests (minimum person \
                capacity) and availableFrom/availableTo (only listings free on every night of that range). \
                Use it to find listing ids or to answer questions about the portfolio. \
                Each item is a summary by default: id, name, city, countryCode, personCapacity, bedroomsNumber, \
                price (base nightly), currencyCode, archived. Add fields with `fields` (names of listing fields) or \
                ["all"] for everything Hostaway returns (large: use a small limit). \
                Archived listings are left out unless includeArchived is true; `total` is then only given when the \
                whole result fits on one page, because Hostaway counts archived listings too. \
                Paging: limit (1-100, default 20); when nextCursor is not null pass it as cursor with the same \
                filters to get the next page. Do not use it for one listing's details (use get_listing) or for \
                nightly prices and booked dates (use check_availability).""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("List listings", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        PageRequest request = PageRequest.from(arguments, context.cursors(), LocalDate.now(ZoneOffset.UTC));
        return context.hostaway().listListings(request.query())
                .map(page -> render(page, request, context.cursors()));
    }

    /** One page as asked for: the Hostaway query, where paging resumes and what each item shows. */
    record PageRequest(ObjectNode filters, int offset, int limit, boolean includeArchived, List<String> fieldNames) {

        static PageRequest from(ObjectNode arguments, PageCursors cursors, LocalDate today) {
            ObjectNode filters = NODES.objectNode();
            for (String name : List.of("city", "country", "match", "sortOrder")) {
                String value = ToolArguments.text(arguments, name);
                if (value != null) {
                    filters.put(name, value);
                }
            }
            for (String name : List.of("propertyTypeId", "guests")) {
                Integer value = ToolArguments.integer(arguments, name);
                if (value != null) {
                    filters.put(name, value);
                }
            }
            LocalDate from = ToolArguments.date(arguments, "availableFrom");
            LocalDate to = ToolArguments.date(arguments, "availableTo");
            checkAvailabilityRange(from, to, today);
            if (from != null) {
                filters.put("availableFrom", from.toString());
                filters.put("availableTo", to.toString());
            }
            boolean includeArchived = ToolArguments.flag(arguments, "includeArchived", false);
            filters.put("includeArchived", includeArchived);

            int offset = 0;
            String cursor = ToolArguments.text(arguments, "cursor");
            if (cursor != null) {
                ObjectNode state = cursors.decode(cursor);
                if (!filters.equals(state.get("filters"))) {
                    throw ToolFailure.validation("The cursor was made for other filters than the ones in this call.",
                            "Repeat the call with exactly the filters (city, country, match, propertyTypeId, guests,"
                                    + " availableFrom, availableTo, sortOrder, includeArchived) of the call that"
                                    + " returned the cursor, or omit cursor to start from the first page.");
                }
                offset = state.path("offset").asInt();
            }
            List<String> fieldNames = ListingViews.listFields(ListingViews.strings(arguments.get("fields")));
            return new PageRequest(filters, offset,
                    ToolArguments.integer(arguments, "limit", DEFAULT_LIMIT), includeArchived, fieldNames);
        }

        private static void checkAvailabilityRange(LocalDate from, LocalDate to, LocalDate today) {
            if (from == null && to == null) {
                return;
            }
            if (from == null || to == null) {
                throw ToolFailure.validation("availableFrom and availableTo must be given together.",
                        "Pass both: availableFrom is the first night and availableTo the last night that must be"
                                + " free, e.g. availableFrom 2026-12-20 and availableTo 2026-12-26.");
            }
            if (to.isBefore(from)) {
                throw ToolFailure.validation("availableTo (" + to + ") is before availableFrom (" + from + ").",
                        "Pass availableTo on or after availableFrom (both are nights of the stay, inclusive).");
            }
            if (from.isBefore(today.minusDays(1))) {
                throw ToolFailure.validation("availableFrom (" + from + ") is in the past.",
                        "Availability can only be searched from today on; pass a future availableFrom.");
            }
            if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_AVAILABILITY_DAYS) {
                throw ToolFailure.validation("The availability range is longer than " + MAX_AVAILABILITY_DAYS
                        + " nights.",
                        "Shorten availableFrom..availableTo to at most " + MAX_AVAILABILITY_DAYS
                                + " nights.");
            }
        }

        ListingQuery query() {
            return new ListingQuery(limit, offset, text("city"), text("country"), text("match"), integer("propertyTypeId"),
                    date("availableFrom"), date("availableTo"), integer("guests"), text("sortOrder"));
        }

        private String text(String name) {
            return filters.hasNonNull(name) ? filters.get(name).asText() : null;
        }

        private Integer integer(String name) {
            return filters.hasNonNull(name) ? filters.get(name).asInt() : null;
        }

        private LocalDate date(String name) {
            return filters.hasNonNull(name) ? LocalDate.parse(filters.get(name).asText()) : null;
        }
    }

    /** The tool result for one Hostaway page: items within the budget, a cursor for the rest and notes. */
    static ToolResult render(HostawayPage page, PageRequest request, PageCursors cursors) {
        ArrayNode raw = page.result();
        List<ObjectNode> items = new ArrayList<>();
        List<Integer> rawPositions = new ArrayList<>();
        int archivedSkipped = 0;
        for (int i = 0; i < raw.size(); i++) {
            JsonNode listing = raw.get(i);
            if (!request.includeArchived() && ListingViews.isArchived(listing)) {
                archivedSkipped++;
                continue;
            }
            items.add(ListingViews.view(listing, request.fieldNames()));
            rawPositions.add(i);
        }

        int kept = ResponseBudget.fittingCount(items, ResponseBudget.ITEMS_BUDGET);
        boolean truncated = kept < items.size();
        int nextOffset;
        if (truncated) {
            // resume right after the last item shown (archived ones skipped before it stay skipped)
            nextOffset = request.offset() + (kept == 0 ? 0 : rawPositions.get(kept - 1) + 1);
        } else {
            nextOffset = request.offset() + raw.size();
        }
        boolean more = truncated || (raw.size() > 0 && nextOffset < page.count());
        String nextCursor = more ? cursors.encode(cursorState(request.filters(), nextOffset)) : null;

        Integer total;
        if (request.includeArchived()) {
            total = page.count();
        } else {
            total = request.offset() == 0 && !more ? items.size() : null;
        }

        List<String> notes = new ArrayList<>();
        if (truncated) {
            notes.add(kept + " of " + items.size() + " listings on this page fit into the response; nextCursor"
                    + " continues after the last one shown. To get more per call, ask for fewer fields (the default"
                    + " summary is smallest), a smaller limit or narrower filters (city, match, guests).");
        }
        if (archivedSkipped > 0) {
            notes.add(archivedSkipped + " archived listing(s) on this page were left out (includeArchived=false);"
                    + " Hostaway counts " + page.count() + " matching listings including archived ones.");
        }

        ObjectNode structured = NODES.objectNode();
        ArrayNode itemArray = structured.putArray("items");
        items.subList(0, kept).forEach(itemArray::add);
        if (total == null) {
            structured.putNull("total");
        } else {
            structured.put("total", total);
        }
        structured.put("returned", kept);
        structured.put("nextCursor", nextCursor);
        structured.put("truncated", truncated);
        structured.put("note", notes.isEmpty() ? null : String.join(" ", notes));

        List<String> lines = new ArrayList<>();
        items.subList(0, kept).forEach(item -> lines.add(ListingViews.line(item)));
        String heading = kept == 0 ? "No listings on this page."
                : kept + " listing(s)" + (total != null ? " of " + total : "")
                        + (request.offset() > 0 ? " from position " + (request.offset() + 1) : "")
                        + (request.includeArchived() ? "" : ", archived hidden") + ":";
        String text = ResponseBudget.textLines(heading, lines);
        if (nextCursor != null) {
            text += "\nMore listings: call list_listings again with cursor=" + nextCursor + " and the same filters.";
        }
        if (!notes.isEmpty()) {
            text += "\nNote: " + String.join(" ", notes);
        }
        return new ToolResult(structured, text);
    }

    static ObjectNode cursorState(ObjectNode filters, int offset) {
        ObjectNode state = NODES.objectNode();
        state.set("filters", filters);
        state.put("offset", offset);
        return state;
    }
}
