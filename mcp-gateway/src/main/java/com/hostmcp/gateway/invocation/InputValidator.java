package com.hostmcp.gateway.invocation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

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
        return messages.stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .limit(MAX_PROBLEMS)
                .map(message -> message.getMessage().replaceFirst("^\\$\\.?", "").replaceFirst("^: ", ""))
                .map(text -> text.isEmpty() ? "arguments are invalid" : text)
                .toList();
    }
}
