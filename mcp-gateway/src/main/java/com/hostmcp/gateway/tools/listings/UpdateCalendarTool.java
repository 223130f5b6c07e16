package com.hostmcp.gateway.tools.listings;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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

/** {@code update_calendar}: PUT /v1/listings/{id}/calendarIntervals with validated intervals. */
@ApplicationScoped
public class UpdateCalendarTool implements GatewayTool {

    static final String NAME = "update_calendar";
    static final int MAX_INTERVAL_NIGHTS = 366;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Changes one listing's calendar: for 1-50 date intervals sets nightly price, minimum stay and/or \
                availability (available=false blocks the nights, true unblocks them). startDate and endDate of an \
                interval are the first and LAST night changed (both inclusive, unlike check_availability whose \
                endDate is the departure day); intervals must not overlap and must not lie in the past. Each \
                interval changes at least one of available, price, minimumStay; values not given stay as they are. \
                It overwrites the current values (there is no undo: read them first with check_availability if \
                they may be needed again); sending the same intervals again leaves the same state. Nights taken by \
                a reservation stay reserved when unblocked, and existing reservations keep their prices. Archived \
                listings refuse changes. For listing-wide settings (base price, default minimum nights) use \
                batch_update_listings.""";
    }

    @Override
    public ToolAnnotations annotations() {
        // destructive: the previous prices, minimum stays and blocks are overwritten and cannot be restored from here
        return new ToolAnnotations("Update calendar", false, true, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long listingId = arguments.path("listingId").asLong();
        List<Interval> intervals = intervals(arguments.get("intervals"), LocalDate.now(ZoneOffset.UTC));
        ArrayNode body = NODES.arrayNode();
        intervals.forEach(interval -> body.add(interval.toHostaway()));
        return context.hostaway().updateCalendarIntervals(listingId, body)
                .map(ignored -> render(listingId, intervals));
    }

    /** One validated interval; null values are left unchanged. */
    record Interval(int index, LocalDate startDate, LocalDate endDate, Boolean available, Double price,
            Integer minimumStay) {

        long nights() {
            return ChronoUnit.DAYS.between(startDate, endDate) + 1;
        }

        ObjectNode toHostaway() {
            ObjectNode json = NODES.objectNode();
            json.put("startDate", startDate.toString());
            json.put("endDate", endDate.toString());
            if (available != null) {
                json.put("isAvailable", available ? 1 : 0);
            }
            if (price != null) {
                json.put("price", price);
            }
            if (minimumStay != null) {
                json.put("minimumStay", minimumStay);
            }
            return json;
        }

        ObjectNode toJson() {
            ObjectNode json = NODES.objectNode();
            json.put("startDate", startDate.toString());
            json.put("endDate", endDate.toString());
            json.put("nights", nights());
            json.put("available", available);
            json.put("price", price);
            json.put("minimumStay", minimumStay);
            return json;
        }

        String line() {
            List<String> changes = new ArrayList<>();
            if (available != null) {
                changes.add(available ? "unblocked" : "blocked");
            }
            if (price != null) {
                changes.add("price " + ListingViews.money(price));
            }
            if (minimumStay != null) {
                changes.add("min stay " + minimumStay);
            }
            return startDate + ".." + endDate + " (" + nights() + (nights() == 1 ? " night): " : " nights): ")
                    + String.join(", ", changes);
        }
    }

    /** The intervals argument, validated beyond the schema: order of dates, the past, changes and overlaps. */
    static List<Interval> intervals(JsonNode items, LocalDate today) {
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "intervals[" + i + "]";
            LocalDate start = ToolArguments.parseDate(item.path("startDate").asText(), at + ".startDate");
            LocalDate end = ToolArguments.parseDate(item.path("endDate").asText(), at + ".endDate");
            if (end.isBefore(start)) {
                throw ToolFailure.validation(at + ".endDate (" + end + ") is before its startDate (" + start + ").",
                        "endDate is the last night changed (inclusive): for one night pass endDate = startDate.");
            }
            // one day of tolerance: the listing's time zone may still be on yesterday
            if (start.isBefore(today.minusDays(1))) {
                throw ToolFailure.validation(at + ".startDate (" + start + ") is in the past.",
                        "Past nights cannot be changed: start the interval today (" + today + ") or later.");
            }
            if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_INTERVAL_NIGHTS) {
                throw ToolFailure.validation(at + " spans more than " + MAX_INTERVAL_NIGHTS + " nights.",
                        "Split it into intervals of at most " + MAX_INTERVAL_NIGHTS + " nights.");
            }
            Boolean available = item.hasNonNull("available") ? item.get("available").asBoolean() : null;
            Double price = item.hasNonNull("price") ? item.get("price").asDouble() : null;
            Integer minimumStay = item.hasNonNull("minimumStay") ? item.get("minimumStay").asInt() : null;
            if (available == null && price == null && minimumStay == null) {
                throw ToolFailure.validation(at + " changes nothing.",
                        "Give at least one of available (false blocks, true unblocks), price or minimumStay.");
            }
            intervals.add(new Interval(i, start, end, available, price, minimumStay));
        }
        List<Interval> byStart = intervals.stream().sorted(Comparator.comparing(Interval::startDate)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            Interval previous = byStart.get(i - 1);
            Interval current = byStart.get(i);
            if (!current.startDate().isAfter(previous.endDate())) {
                throw ToolFailure.validation("intervals[" + previous.index() + "] and intervals[" + current.index()
                        + "] overlap (both change " + current.startDate() + ").",
                        "Make the intervals disjoint: each night may appear in one interval only.");
            }
        }
        return intervals;
    }

    static ToolResult render(long listingId, List<Interval> intervals) {
        ObjectNode structured = NODES.objectNode();
        structured.put("listingId", listingId);
        ArrayNode applied = structured.putArray("applied");
        intervals.forEach(interval -> applied.add(interval.toJson()));
        long nights = intervals.stream().mapToLong(Interval::nights).sum();
        structured.put("nightsChanged", nights);
        List<String> lines = intervals.stream().map(Interval::line).toList();
        String text = ResponseBudget.textLines("Calendar of listing #" + listingId + " updated: " + intervals.size()
                + " interval(s), " + nights + " nights.", lines);
        return new ToolResult(structured, text);
    }
}
