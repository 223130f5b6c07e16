package com.hostmcp.gateway.tools.listings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostaway calendar days folded into ranges of consecutive nights with the same status, price and minimum stay, and
 * a summary of the whole period. Statuses are reduced to available, reserved, blocked and pending: Hostaway's
 * deprecated multi-unit aggregates count as their single-unit meaning ({@code mreserved} and {@code conflicted} as
 * reserved, {@code mblocked} and {@code hardBlock} as blocked); anything unknown follows {@code isAvailable}.
 */
final class CalendarRanges {

    static final List<String> STATUSES = List.of("available", "reserved", "blocked", "pending");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One night as the tool sees it. */
    record Night(LocalDate date, String status, BigDecimal price, Integer minimumStay) {

        static Night of(JsonNode day) {
            return new Night(LocalDate.parse(day.path("date").asText()), CalendarRanges.status(day),
                    day.hasNonNull("price") ? day.get("price").decimalValue() : null,
                    day.hasNonNull("minimumStay") ? day.get("minimumStay").asInt() : null);
        }

        boolean continues(Night previous) {
            return previous.date.plusDays(1).equals(date) && previous.status.equals(status)
                    && Objects.equals(previous.minimumStay, minimumStay)
                    && (previous.price == null ? price == null : price != null && previous.price.compareTo(price) == 0);
        }
    }

    /** Consecutive nights with equal status, price and minimum stay. */
    record Range(LocalDate firstNight, LocalDate lastNight, int nights, String status, BigDecimal price,
            Integer minimumStay) {

        ObjectNode toJson() {
            ObjectNode json = NODES.objectNode();
            json.put("firstNight", firstNight.toString());
            json.put("lastNight", lastNight.toString());
            json.put("nights", nights);
            json.put("status", status);
            json.put("price", price);
            if (minimumStay == null) {
                json.putNull("minimumStay");
            } else {
                json.put("minimumStay", minimumStay);
            }
            return json;
        }

        String line() {
            return firstNight + (nights > 1 ? ".." + lastNight : "") + " (" + nights + (nights == 1 ? " night" : " nights")
                    + ") " + status + (price == null ? "" : " " + ListingViews.money(price.doubleValue()))
                    + (minimumStay == null ? "" : " min " + minimumStay);
        }
    }

    private CalendarRanges() {
    }

    static String status(JsonNode day) {
        String status = day.path("status").asText("");
        return switch (status) {
            case "available", "reserved", "blocked", "pending" -> status;
            case "mreserved", "conflicted" -> "reserved";
            case "mblocked", "hardBlock" -> "blocked";
            default -> day.path("isAvailable").asInt(0) == 1 ? "available" : "blocked";
        };
    }

    static List<Night> nights(JsonNode days) {
        List<Night> nights = new ArrayList<>();
        days.forEach(day -> nights.add(Night.of(day)));
        nights.sort((a, b) -> a.date().compareTo(b.date()));
        return nights;
    }

    static List<Range> ranges(List<Night> nights) {
        List<Range> ranges = new ArrayList<>();
        Night first = null;
        Night previous = null;
        int count = 0;
        for (Night night : nights) {
            if (previous != null && night.continues(previous)) {
                count++;
            } else {
                if (first != null) {
                    ranges.add(new Range(first.date(), previous.date(), count, first.status(), first.price(),
                            first.minimumStay()));
                }
                first = night;
                count = 1;
            }
            previous = night;
        }
        if (first != null) {
            ranges.add(new Range(first.date(), previous.date(), count, first.status(), first.price(),
                    first.minimumStay()));
        }
        return ranges;
    }

    /** Night counts per status, the first and last available night, and min/avg/max price of the available nights. */
    static ObjectNode summary(List<Night> nights) {
        ObjectNode summary = NODES.objectNode();
        summary.put("nights", nights.size());
        for (String status : STATUSES) {
            summary.put(status + "Nights", nights.stream().filter(n -> n.status().equals(status)).count());
        }
        List<Night> available = nights.stream().filter(n -> n.status().equals("available")).toList();
        summary.put("firstAvailableNight", available.isEmpty() ? null : available.get(0).date().toString());
        summary.put("lastAvailableNight", available.isEmpty() ? null
                : available.get(available.size() - 1).date()
                        .toString());
        List<BigDecimal> prices = available.stream().map(Night::price).filter(Objects::nonNull).toList();
        if (prices.isEmpty()) {
            summary.putNull("minPrice");
            summary.putNull("avgPrice");
            summary.putNull("maxPrice");
        } else {
            summary.put("minPrice", prices.stream().min(BigDecimal::compareTo).orElseThrow());
            BigDecimal sum = prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            summary.put("avgPrice", sum.divide(BigDecimal.valueOf(prices.size()), 2, RoundingMode.HALF_UP));
            summary.put("maxPrice", prices.stream().max(BigDecimal::compareTo).orElseThrow());
        }
        return summary;
    }
}
