package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolResult;

class GetListingToolTest {

    @Test
    void defaultGroupsAndTextRendering() {
        ToolResult result = GetListingTool.render(ToolSchemas.documentedListing(), ListingViews.DEFAULT_GROUPS);

        assertThat(result.structured().at("/listing/checkInTimeStart").asInt()).isEqualTo(12);
        assertThat(result.structured().get("truncated").asBoolean()).isFalse();
        assertThat(result.text()).startsWith("#40160 ").contains("timeZoneName: Europe/Berlin");
        assertThat(ToolSchemas.violations(GetListingTool.NAME, "output", result.structured())).isEmpty();
    }

    @Test
    void hugeTextsAreShortenedToFitTheBudget() {
        ObjectNode listing = (ObjectNode) ToolSchemas.documentedListing();
        listing.put("description", "x".repeat(30_000));
        listing.put("airbnbSummary", "y".repeat(12_000));

        ToolResult result = GetListingTool.render(listing, List.of("all"));

        assertThat(result.structured().get("truncated").asBoolean()).isTrue();
        assertThat(result.structured().get("note").asText()).contains("description").contains("airbnbSummary");
        assertThat(result.structured().get("listing").toString().length()).isLessThanOrEqualTo(
                ResponseBudget.ITEMS_BUDGET);
        assertThat(result.structured().toString().length() + result.text().length())
                .isLessThan(ResponseBudget.MAX_CHARS);
        assertThat(ToolSchemas.violations(GetListingTool.NAME, "output", result.structured())).isEmpty();
    }
}
