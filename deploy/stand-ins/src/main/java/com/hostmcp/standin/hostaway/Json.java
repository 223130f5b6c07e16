package com.hostmcp.standin.hostaway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers and the example payloads shipped under {@code src/main/resources/hostaway/}. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Hostaway datetimes: {@code YYYY-MM-DD HH:MM:SS}, UTC, no zone. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static final ObjectNode LISTING = template("listing.json");
    static final ObjectNode RESERVATION = template("reservation.json");
    static final ObjectNode CALENDAR_DAY = template("calendarDay.json");
    static final ObjectNode CONVERSATION = template("conversation.json");
    static final ObjectNode CONVERSATION_MESSAGE = template("conversationMessage.json");
    static final ObjectNode RESERVATION_FEE = template("reservationFee.json");
    static final ObjectNode ACCESS_TOKEN_RESPONSE = template("accessTokens.response.json");
    static final ObjectNode RATE_LIMIT_RESPONSE = template("error.rate-limit.response.json");
    static final ObjectNode CONSOLIDATED_JSON = template("finance.report.consolidated.response.json");
    static final ObjectNode LISTING_FINANCIALS_JSON = template("finance.report.listingFinancials.response.json");

    private Json() {
    }

    static ObjectNode template(String name) {
        return (ObjectNode) parse(resourceText(name));
    }

    static String resourceText(String name) {
        String path = "/hostaway/" + name;
        try (InputStream in = Json.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A money/number node: whole values as integers (like {@code 267}), others rounded to 3 decimals. */
    static JsonNode num(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() <= 0) {
            return NODES.numberNode(rounded.longValueExact());
        }
        return NODES.numberNode(rounded.doubleValue());
    }

    /** Plain text of a number as the finance CSVs print it: {@code 7000}, {@code 420.6}, {@code -2611.8}. */
    static String numText(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    static double round2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static double dbl(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? 0.0 : value.asDouble();
    }

    static long lng(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? 0L : value.asLong();
    }

    static String dateTime(LocalDateTime time) {
        return DATE_TIME.format(time);
    }

    /** Parses {@code YYYY-MM-DD}; returns null if the text is not such a date. */
    static LocalDate parseDate(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
