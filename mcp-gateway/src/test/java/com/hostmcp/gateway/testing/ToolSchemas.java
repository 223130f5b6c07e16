package com.hostmcp.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The tools' JSON Schemas from {@code src/main/resources/tools/}, for validating arguments and results in tests. */
public final class ToolSchemas {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH).build();

    private ToolSchemas() {
    }

    /** {@code tools/<tool>.<kind>.json}, kind = input or output. */
    public static JsonNode load(String tool, String kind) {
        String path = "tools/" + tool + "." + kind + ".json";
        try (InputStream in = ToolSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every message of validating {@code value} against the tool's input or output schema. */
    public static List<String> violations(String tool, String kind, JsonNode value) {
        JsonSchema schema = FACTORY.getSchema(load(tool, kind), CONFIG);
        Set<ValidationMessage> messages = schema.validate(value);
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.getMessage()));
        return out;
    }

    /** The stand-in's copy of Hostaway's documented listing example. */
    public static JsonNode documentedListing() {
        try (InputStream in = ToolSchemas.class.getClassLoader().getResourceAsStream("hostaway/listing.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
