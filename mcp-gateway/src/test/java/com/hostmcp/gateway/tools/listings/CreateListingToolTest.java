package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

class CreateListingToolTest {

    @Test
    void bodyCarriesTheArgumentsWithCountryNameExternalNameAndIntegerFlags() {
        ObjectNode args = valid().put("countryCode", "PT").put("instantBookable", true);

        ObjectNode body = CreateListingTool.hostawayListing(args);

        assertThat(body.get("country").asText()).isEqualTo("Portugal");
        assertThat(body.get("externalListingName").asText()).isEqualTo("Alfama loft");
        assertThat(body.get("instantBookable").asInt()).isEqualTo(1);
        assertThat(body.get("price").asDouble()).isEqualTo(120);
        assertThat(ToolSchemas.violations(CreateListingTool.NAME, "input", args)).isEmpty();
    }

    @Test
    void crossFieldAndCodeChecks() {
        assertRefused(valid().put("minNights", 5).put("maxNights", 2), "minNights (5) is greater than maxNights");
        assertRefused(valid().put("personCapacity", 2).put("guestsIncluded", 3), "guestsIncluded (3)");
        assertRefused(valid().put("countryCode", "XX"), "ISO 3166");
        assertRefused(valid().put("currencyCode", "ABC"), "ISO 4217");
        assertRefused(valid().put("timeZoneName", "Mars/Olympus"), "IANA");
    }

    @Test
    void schemaRefusesOutOfRangeValues() {
        assertThat(ToolSchemas.violations(CreateListingTool.NAME, "input",
                valid().put("countryCode", "pt").put("personCapacity", 0).put("checkOutTime", 24)
                        .put("price", 0).put("roomType", "castle").put("currencyCode", "euro")))
                .hasSize(6);
        assertThat(ToolSchemas.violations(CreateListingTool.NAME, "input", ToolSchemas.JSON.createObjectNode()
                .put("city", "Lisbon"))).isNotEmpty();
    }

    @Test
    void resultIsTheSummaryPlusTheFieldsSet() {
        ObjectNode created = ((ObjectNode) ToolSchemas.documentedListing()).put("id", 100030521)
                .put("name", "Alfama loft");
        ToolResult result = CreateListingTool.render(created, valid().put("minNights", 2));

        assertThat(result.structured().at("/listing/id").asLong()).isEqualTo(100030521);
        assertThat(result.structured().at("/listing/minNights").asInt()).isEqualTo(1);
        assertThat(result.structured().get("listing").has("description")).isFalse();
        assertThat(result.text()).startsWith("Created listing #100030521 Alfama loft");
        assertThat(ToolSchemas.violations(CreateListingTool.NAME, "output", result.structured())).isEmpty();
    }

    private static ObjectNode valid() {
        return ToolSchemas.JSON.createObjectNode().put("name", "Alfama loft").put("city", "Lisbon")
                .put("price", 120).put("currencyCode", "EUR");
    }

    private static void assertRefused(ObjectNode args, String message) {
        assertThatThrownBy(() -> CreateListingTool.hostawayListing(args)).isInstanceOf(ToolFailure.class)
                .hasMessageContaining(message);
    }
}
