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
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** {@code check_availability}: GET /v1/listings/{id}/calendar folded into ranges plus a summary. */
@ApplicationScoped
public class CheckAvailabilityTool implements GatewayTool {

    static final String NAME = "check_availability";
    static final int MAX_NIGHTS = 366;
    /** How far back a calendar may be read: older calendars are history, not availability. */
    static final int MAX_DAYS_IN_PAST = 730;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Shows one listing's calendar for a stay period: for the nights from startDate (arrival) up to the \
                night before endDate (departure), each night's status (available, reserved, blocked, pending), \
                nightly price (in the listing's currency) and minimum stay, folded into ranges of consecutive \
                nights that share all three, plus a summary: nights per status, first and last available night, \
                min/avg/max price of the available nights. Use it to answer "is it free", "what does it cost per \
                night" or "when is the next free night". At most 366 nights, not starting more than two years ago. \
                To find listings free for given dates across the portfolio use list_listings with \
                availableFrom/availableTo; to change prices, minimum stays or block dates use update_calendar.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Check availability", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long listingId = arguments.path("listingId").asLong();
        LocalDate start = ToolArguments.date(arguments, "startDate");
        LocalDate end = ToolArguments.date(arguments, "endDate");
        checkPeriod(start, end, LocalDate.now(ZoneOffset.UTC));
        // Hostaway's endDate is the last night, inclusive
        return context.hostaway().getCalendar(listingId, start, end.minusDays(1))
                .map(days -> render(listingId, start, end, days));
    }

    static void checkPeriod(LocalDate start, LocalDate end, LocalDate today) {
        if (!end.isAfter(start)) {
            throw ToolFailure.validation("endDate (" + end + ") must be after startDate (" + start + ").",
                    "endDate is the departure day: for the night of " + start + " alone pass endDate "
                            + start.plusDays(1) + ".");
        }
        long nights = ChronoUnit.DAYS.between(start, end);
        if (nights > MAX_NIGHTS) {
            throw ToolFailure.validation("The period has " + nights + " nights; at most " + MAX_NIGHTS
                    + " are shown at once.",
                    "Split it: call check_availability with endDate at most "
                            + start.plusDays(MAX_NIGHTS) + ", then continue from there.");
        }
        if (start.isBefore(today.minusDays(MAX_DAYS_IN_PAST))) {
            throw ToolFailure.validation("startDate (" + start + ") is more than two years in the past.",
                    "Pass a startDate on or after " + today.minusDays(MAX_DAYS_IN_PAST)
                            + "; for past stays use search_reservations.");
        }
    }

    static ToolResult render(long listingId, LocalDate start, LocalDate end, ArrayNode days) {
        List<CalendarRanges.Night> nights = CalendarRanges.nights(days);
        List<CalendarRanges.Range> ranges = CalendarRanges.ranges(nights);
        ObjectNode summary = CalendarRanges.summary(nights);

        List<ObjectNode> rangeJson = ranges.stream().map(CalendarRanges.Range::toJson).toList();
        int kept = ResponseBudget.fittingCount(rangeJson, ResponseBudget.ITEMS_BUDGET);
        boolean truncated = kept < rangeJson.size();

        ObjectNode structured = NODES.objectNode();
        structured.put("listingId", listingId);
        structured.put("startDate", start.toString());
        structured.put("endDate", end.toString());
        structured.set("summary", summary);
        ArrayNode rangeArray = structured.putArray("ranges");
        rangeJson.subList(0, kept).forEach(rangeArray::add);
        structured.put("truncated", truncated);
        String note = null;
        if (truncated) {
            LocalDate resume = ranges.get(kept).firstNight();
            note = "Only the ranges up to " + ranges.get(kept - 1).lastNight() + " fit into the response (the summary"
                    + " covers the whole period). Call check_availability again with startDate " + resume
                    + " for the rest.";
        } else if (nights.size() < ChronoUnit.DAYS.between(start, end)) {
            note = "Hostaway returned " + nights.size() + " of " + ChronoUnit.DAYS.between(start, end)
                    + " nights; the missing nights are not in the ranges or the summary.";
        }
        structured.put("note", note);

        String heading = "Listing #" + listingId + ", " + start + " → " + end + " (" + summary.get("nights").asInt()
                + " nights): " + summary.get("availableNights").asInt() + " available, "
                + summary.get("reservedNights").asInt() + " reserved, " + summary.get("blockedNights").asInt()
                + " blocked, " + summary.get("pendingNights").asInt() + " pending"
                + (summary.hasNonNull("minPrice") ? "; available nights cost " + price(summary, "minPrice") + "–"
                        + price(summary, "maxPrice") + " (avg " + price(summary, "avgPrice") + ")" : "")
                + ".";
        List<String> lines = new ArrayList<>();
        ranges.subList(0, kept).forEach(range -> lines.add(range.line()));
        String text = ResponseBudget.textLines(heading, lines);
        return new ToolResult(structured, note == null ? text : text + "\nNote: " + note);
    }

    private static String price(JsonNode summary, String name) {
        return ListingViews.money(summary.get(name).asDouble());
    }
}
