package com.hostmcp.gateway.invocation;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes guest PII and message bodies from tool arguments before they go into audit events: every value (at any
 * depth) under a name that carries them is replaced by {@code "[REDACTED]"}. Names: the tools' PII arguments
 * ({@code guestName}, {@code guestEmail}, {@code guestPhone}, {@code body}) and anything that looks like a name, e-mail,
 * phone or message field, so that a new tool's argument is redacted by default rather than leaked.
 */
final class ArgumentRedaction {

    static final String REDACTED = "[REDACTED]";
    private static final Set<String> EXACT = Set.of("body", "message", "text", "note", "notes");
    private static final Set<String> FRAGMENTS = Set.of("guest", "email", "phone", "name", "address", "secret",
            "password", "token");

    private ArgumentRedaction() {
    }

    static ObjectNode redact(ObjectNode arguments) {
        ObjectNode copy = arguments.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (isSensitive(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(REDACTED));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(ArgumentRedaction::redactInPlace);
        }
    }

    static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXACT.contains(lower) || FRAGMENTS.stream().anyMatch(lower::contains);
    }
}
