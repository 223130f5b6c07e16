package com.hostmcp.gateway.tools.reservations;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.ToolFailure;

/**
 * Reading tool arguments that already passed the input schema (types, ranges and formats are right), plus the
 * cross-field rules the schema cannot express.
 */
final class Arguments {

    private Arguments() {
    }

    static Long optionalLong(ObjectNode arguments, String name) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? null : value.asLong();
    }

    static long requiredLong(ObjectNode arguments, String name) {
        return arguments.get(name).asLong();
    }

    static int intOr(ObjectNode arguments, String name, int defaultValue) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? defaultValue : value.asInt();
    }

    static boolean booleanOr(ObjectNode arguments, String name, boolean defaultValue) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? defaultValue : value.asBoolean();
    }

    static String optionalText(ObjectNode arguments, String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    static String textOr(ObjectNode arguments, String name, String defaultValue) {
        String text = optionalText(arguments, name);
        return text == null ? defaultValue : text;
    }

    static LocalDate optionalDate(ObjectNode arguments, String name) {
        String text = optionalText(arguments, name);
        return text == null ? null : LocalDate.parse(text);
    }

    /** The strings of an array argument in the given order, without duplicates; empty when absent. */
    static List<String> textList(ObjectNode arguments, String name) {
        List<String> out = new ArrayList<>();
        JsonNode value = arguments.get(name);
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                String text = item.asText();
                if (!out.contains(text)) {
                    out.add(text);
                }
            });
        }
        return out;
    }

    /** The integers of an array argument, without duplicates; empty when absent. */
    static List<Long> longList(ObjectNode arguments, String name) {
        List<Long> out = new ArrayList<>();
        JsonNode value = arguments.get(name);
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (!out.contains(item.asLong())) {
                    out.add(item.asLong());
                }
            });
        }
        return out;
    }

    /**
     * Refuses a range whose end lies before its start, and one longer than {@code maxDays} (when positive). Either
     * bound may be absent.
     */
    static void requireRange(LocalDate from, String fromName, LocalDate to, String toName, int maxDays) {
        if (from == null || to == null) {
            return;
        }
        if (to.isBefore(from)) {
            throw ToolFailure.validation(toName + " (" + to + ") is before " + fromName + " (" + from + ").",
                    "Pass " + fromName + " on or before " + toName + ".");
        }
        if (maxDays > 0 && ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
            throw ToolFailure.validation(
                    "The range " + fromName + ".." + toName + " covers more than " + maxDays + " days.",
                    "Narrow " + fromName + "/" + toName + " to at most " + maxDays
                            + " days and make several calls for longer periods.");
        }
    }
}
