package com.hostmcp.gateway.projection;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the CloudEvents 1.0 structured-JSON record values of the projected topics and hands out their {@code data}.
 * <p>
 * A small local reader instead of platform-messaging's {@code CloudEventCodec}: that module also brings the outbox
 * relay, which needs a database the gateway does not have. Consumers are tolerant: unknown attributes and fields are
 * ignored. Error messages name the offending field, never its value.
 */
@ApplicationScoped
public class EventDecoder {

    static final String SPEC_VERSION = "1.0";

    private final ObjectMapper mapper;

    public EventDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The {@code data} object of an event of the given type. */
    public JsonNode data(String value, String expectedType) {
        if (value == null || value.isBlank()) {
            throw new MalformedRecordException("empty record value");
        }
        JsonNode event;
        try {
            event = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the value: not logged
            throw new MalformedRecordException("not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        if (!SPEC_VERSION.equals(event.path("specversion").asText(null))) {
            throw new MalformedRecordException("not a CloudEvents 1.0 event");
        }
        String type = event.path("type").asText(null);
        if (!expectedType.equals(type)) {
            throw new MalformedRecordException("unexpected event type " + abbreviate(type));
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedRecordException(expectedType + " without a data object");
        }
        return data;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedRecordException("field " + field + " missing or not a string");
        }
        return value.asText();
    }

    static String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedRecordException("field " + field + " is not a string");
        }
        return value.asText();
    }

    static UUID uuid(JsonNode node, String field) {
        try {
            return UUID.fromString(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("field " + field + " is not a UUID");
        }
    }

    static long version(JsonNode node) {
        JsonNode value = node.get("version");
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new MalformedRecordException("field version missing or not a non-negative integer");
        }
        return value.asLong();
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new MalformedRecordException("field " + field + " missing or not a boolean");
        }
        return value.asBoolean();
    }

    static Instant nullableInstant(JsonNode node, String field) {
        String value = nullableText(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("field " + field + " is not an RFC 3339 UTC time");
        }
    }

    static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("field " + field + " has an unknown value");
        }
    }

    private static String abbreviate(String type) {
        if (type == null) {
            return "null";
        }
        return type.length() > 100 ? type.substring(0, 100) + "…" : type;
    }
}
