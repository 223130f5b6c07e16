package com.hostmcp.gateway.invocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a tool's arguments against its published input schema (JSON Schema 2020-12, formats such as {@code date}
 * asserted), so that every tool gets the same, precise validation errors before it runs.
 */
public final class InputValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    /** Enough for the model to fix a call; a flood of messages helps nobody. */
    private static final int MAX_PROBLEMS = 5;

    private final JsonSchema schema;

    InputValidator(JsonNode schema) {
        this.schema = FACTORY.getSchema(schema, CONFIG);
    }

    /** What is wrong with {@code arguments}, one message per problem naming the argument; empty when valid. */
    List<String> problems(JsonNode arguments) {
        Set<ValidationMessage> messages = schema.validate(arguments);
        List<String> outOfRange = new ArrayList<>();
        numbersOutOfRange(arguments, "", outOfRange);
        return Stream.concat(outOfRange.stream(), messages.stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(message -> message.getMessage().replaceFirst("^\\$\\.?", "").replaceFirst("^: ", ""))
                .map(text -> text.isEmpty() ? "arguments are invalid" : text))
                .limit(MAX_PROBLEMS)
                .toList();
    }

    /**
     * Numbers beyond the 64-bit range: JSON Schema's integer has no bounds, but the tools read ids as longs, and a
     * larger value would wrap around to another id (2^64 + n to n).
     */
    private static void numbersOutOfRange(JsonNode node, String pointer, List<String> out) {
        if (node.isNumber() && !node.canConvertToLong()) {
            out.add((pointer.isEmpty() ? "the value" : pointer) + ": " + node.asText() + " is out of range (at most "
                    + Long.MAX_VALUE + " in magnitude)");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> numbersOutOfRange(field.getValue(), pointer + "/" + field.getKey(),
                    out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                numbersOutOfRange(node.get(i), pointer + "/" + i, out);
            }
        }
    }
}
