package com.hostmcp.gateway.tools.listings;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.tool.ToolFailure;

/**
 * Reads the arguments of the listing tools. Types, ranges and required arguments were checked against the input
 * schema already; what is left is absent values and dates (whose format the schema only describes).
 */
final class ToolArguments {

    private ToolArguments() {
    }

    /** The text value, or null when absent, null or blank. */
    static String text(JsonNode arguments, String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        return value.asText().trim();
    }

    static Integer integer(JsonNode arguments, String name) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? null : value.asInt();
    }

    static int integer(JsonNode arguments, String name, int defaultValue) {
        Integer value = integer(arguments, name);
        return value == null ? defaultValue : value;
    }

    static boolean flag(JsonNode arguments, String name, boolean defaultValue) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? defaultValue : value.asBoolean();
    }

    /** A {@code YYYY-MM-DD} date, or null when absent. */
    static LocalDate date(JsonNode arguments, String name) {
        String value = text(arguments, name);
        return value == null ? null : parseDate(value, name);
    }

    static LocalDate parseDate(String value, String argument) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ToolFailure.validation(argument + " must be a calendar date in the form YYYY-MM-DD, got \"" + value
                    + "\".", "Pass " + argument + " like 2026-12-24.");
        }
    }
}
