package com.hostmcp.gateway.tools.reservations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The tools' JSON Schemas from {@code src/main/resources/tools}, for validating arguments and results in tests. */
final class ToolSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH).build();

    private ToolSchemas() {
    }

    static JsonNode read(String tool, String kind) {
        String resource = "tools/" + tool + "." + kind + ".json";
        try (InputStream in = ToolSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of {@code value} against the tool's input or output schema. */
    static List<String> violations(String tool, String kind, JsonNode value) {
        JsonSchema schema = FACTORY.getSchema(read(tool, kind), CONFIG);
        return schema.validate(value).stream().map(ValidationMessage::getMessage).toList();
    }
}
