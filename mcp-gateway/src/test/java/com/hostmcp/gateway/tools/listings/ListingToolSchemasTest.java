package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

class ListingToolSchemasTest {

    @ParameterizedTest
    @ValueSource(strings = { "list_listings", "get_listing", "check_availability", "update_calendar",
            "create_listing", "batch_update_listings" })
    void schemasAreDraft202012ObjectsWithDescribedProperties(String tool) {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String kind : List.of("input", "output")) {
            JsonNode schema = ToolSchemas.load(tool, kind);
            assertThat(metaSchema.validate(schema)).as(tool + " " + kind).isEmpty();
            assertThat(schema.path("type").asText()).isEqualTo("object");
            assertThat(schema.path("additionalProperties").asBoolean(true)).as(kind + " closed").isFalse();
            assertThat(undescribed(schema, "$")).as(tool + " " + kind + " properties without description")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "list_listings" })
    void listFieldsEnumIsTheSelectableFieldsPlusAll(String tool) {
        Set<String> expected = new LinkedHashSet<>(ListingViews.selectableFields());
        expected.add("all");
        assertThat(enumOf(ToolSchemas.load(tool, "input").at("/properties/fields/items/enum")))
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "get_listing" })
    void getListingFieldsEnumIsTheGroupsPlusAll(String tool) {
        List<String> expected = new ArrayList<>(ListingViews.GROUPS.keySet());
        expected.add("all");
        assertThat(enumOf(ToolSchemas.load(tool, "input").at("/properties/fields/items/enum")))
                .containsExactlyElementsOf(expected);
        assertThat(enumOf(ToolSchemas.load(tool, "output").at("/properties/fieldGroups/items/enum")))
                .containsExactlyElementsOf(expected);
    }

    private static List<String> enumOf(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<String> undescribed(JsonNode schema, String path) {
        List<String> missing = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(e -> {
            if (!e.getValue().hasNonNull("description")) {
                missing.add(path + "." + e.getKey());
            }
            missing.addAll(undescribed(e.getValue(), path + "." + e.getKey()));
        });
        if (schema.has("items")) {
            missing.addAll(undescribed(schema.get("items"), path + "[]"));
        }
        return missing;
    }
}
