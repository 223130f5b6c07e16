package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.testing.ToolSchemas;

class ListingViewsTest {

    private final JsonNode listing = ToolSchemas.documentedListing();

    @Test
    void summaryHasTheDocumentedFieldsInOrderWithArchivedFromSpecialStatus() {
        ObjectNode summary = ListingViews.summary(listing);

        assertThat(summary.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("id", "name", "city", "countryCode", "personCapacity", "bedroomsNumber", "price",
                        "currencyCode", "archived");
        assertThat(summary.get("id").asLong()).isEqualTo(40160);
        assertThat(summary.get("city").asText()).isEqualTo("Bremerhaven");
        assertThat(summary.get("price").asDouble()).isEqualTo(211.62);
        assertThat(summary.get("archived").asBoolean()).isFalse();

        ObjectNode archived = ((ObjectNode) listing.deepCopy()).put("specialStatus", "archived");
        assertThat(ListingViews.summary(archived).get("archived").asBoolean()).isTrue();
        assertThat(ListingViews.line(archived)).endsWith("· ARCHIVED");
    }

    @Test
    void extraFieldsAreAddedAfterTheSummaryAndMissingOnesAreNull() {
        ObjectNode view = ListingViews.view(listing, ListingViews.listFields(List.of("minNights", "squareMeters")));

        assertThat(view.get("minNights").asInt()).isEqualTo(1);
        assertThat(view.get("squareMeters").asInt()).isEqualTo(10);
        assertThat(view.size()).isEqualTo(ListingViews.SUMMARY_FIELDS.size() + 2);

        ObjectNode sparse = ListingViews.view(ToolSchemas.JSON.createObjectNode().put("id", 5),
                ListingViews.SUMMARY_FIELDS);
        assertThat(sparse.get("name").isNull()).isTrue();
    }

    @Test
    void allKeepsEveryHostawayFieldAndAddsArchived() {
        ObjectNode all = ListingViews.view(listing, ListingViews.listFields(List.of("all")));

        assertThat(all.size()).isEqualTo(listing.size() + 1);
        assertThat(all.has("wifiPassword")).isTrue();
        assertThat(all.get("archived").asBoolean()).isFalse();
    }

    @Test
    void defaultGroupsLeaveOutSecretsAndLongTexts() {
        ObjectNode view = ListingViews.view(listing, ListingViews.groupFields(ListingViews.DEFAULT_GROUPS));

        assertThat(view.has("timeZoneName")).isTrue();
        assertThat(view.has("cleaningFee")).isTrue();
        assertThat(view.has("checkOutTime")).isTrue();
        assertThat(view.has("wifiPassword")).isFalse();
        assertThat(view.has("doorSecurityCode")).isFalse();
        assertThat(view.has("description")).isFalse();

        ObjectNode access = ListingViews.view(listing, ListingViews.groupFields(List.of("access")));
        assertThat(access.get("doorSecurityCode").asText()).isEqualTo("ddff8");
    }

    @Test
    void lineIsCompact() {
        assertThat(ListingViews.line(ListingViews.summary(listing))).isEqualTo(
                "#40160 Beautiful and cozy apartment close to city center — Bremerhaven, DE · 6 guests · 1 bd · 211.62 USD");
    }
}
