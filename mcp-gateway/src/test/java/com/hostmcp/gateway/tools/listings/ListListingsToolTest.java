package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations.ListingQuery;
import com.hostmcp.gateway.hostaway.HostawayPage;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.PageCursors;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;
import com.hostmcp.gateway.tools.listings.ListListingsTool.PageRequest;

class ListListingsToolTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private final PageCursors cursors = new PageCursors(new byte[32], UUID.randomUUID(), ListListingsTool.NAME);

    @Test
    void filtersMapToHostawayQueryParameters() {
        PageRequest request = PageRequest.from(args().put("city", "Lisbon").put("country", "PT").put("match", "loft")
                .put("propertyTypeId", 3).put("guests", 4).put("availableFrom", "2026-12-01")
                .put("availableTo", "2026-12-05").put("sortOrder", "nameReversed").put("limit", 50), cursors, TODAY);

        assertThat(request.query()).isEqualTo(new ListingQuery(50, 0, "Lisbon", "PT", "loft", 3,
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 5), 4, "nameReversed"));
        assertThat(request.includeArchived()).isFalse();
        assertThat(request.fieldNames()).isEqualTo(ListingViews.SUMMARY_FIELDS);
    }

    @Test
    void aCursorResumesAtItsOffsetOnlyWithTheSameFilters() {
        PageRequest first = PageRequest.from(args().put("city", "Lisbon"), cursors, TODAY);
        String cursor = cursors.encode(ListListingsTool.cursorState(first.filters(), 40));

        PageRequest next = PageRequest.from(args().put("city", "Lisbon").put("cursor", cursor).put("limit", 5),
                cursors, TODAY);
        assertThat(next.offset()).isEqualTo(40);
        assertThat(next.query().limit()).isEqualTo(5);

        assertThatThrownBy(() -> PageRequest.from(args().put("city", "Paris").put("cursor", cursor), cursors, TODAY))
                .isInstanceOfSatisfying(ToolFailure.class, f -> {
                    assertThat(f.errorType()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(f.getMessage()).contains("other filters");
                });
        PageCursors otherOrganization = new PageCursors(new byte[32], UUID.randomUUID(), ListListingsTool.NAME);
        assertThatThrownBy(() -> PageRequest.from(args().put("city", "Lisbon").put("cursor", cursor),
                otherOrganization, TODAY)).isInstanceOf(ToolFailure.class);
    }

    @Test
    void availabilityRangeIsChecked() {
        assertThatThrownBy(() -> PageRequest.from(args().put("availableFrom", "2026-12-01"), cursors, TODAY))
                .hasMessageContaining("together");
        assertThatThrownBy(() -> PageRequest.from(
                args().put("availableFrom", "2026-12-05").put("availableTo", "2026-12-01"), cursors, TODAY))
                .hasMessageContaining("before availableFrom");
        assertThatThrownBy(() -> PageRequest.from(
                args().put("availableFrom", "2026-01-05").put("availableTo", "2026-01-08"), cursors, TODAY))
                .hasMessageContaining("in the past");
        assertThatThrownBy(() -> PageRequest.from(
                args().put("availableFrom", "2026-12-01").put("availableTo", "2027-12-02"), cursors, TODAY))
                .hasMessageContaining("366");
    }

    @Test
    void archivedListingsAreLeftOutByDefaultAndTotalIsOnlyGivenWhenComplete() {
        ArrayNode raw = listings(1, 4);
        ((ObjectNode) raw.get(2)).put("specialStatus", "archived");
        PageRequest request = PageRequest.from(args(), cursors, TODAY);

        ToolResult result = ListListingsTool.render(new HostawayPage(raw, 4, 20, 0), request, cursors);

        assertThat(result.structured().get("returned").asInt()).isEqualTo(3);
        assertThat(result.structured().get("total").asInt()).isEqualTo(3);
        assertThat(result.structured().get("nextCursor").isNull()).isTrue();
        assertThat(result.structured().get("note").asText()).contains("1 archived");
        assertValid(result);

        ToolResult middle = ListListingsTool.render(new HostawayPage(raw, 30, 4, 0), request, cursors);
        assertThat(middle.structured().get("total").isNull()).isTrue();
        assertThat(cursors.decode(middle.structured().get("nextCursor").asText()).get("offset").asInt()).isEqualTo(4);

        PageRequest withArchived = PageRequest.from(args().put("includeArchived", true), cursors, TODAY);
        ToolResult all = ListListingsTool.render(new HostawayPage(raw, 30, 4, 0), withArchived, cursors);
        assertThat(all.structured().get("returned").asInt()).isEqualTo(4);
        assertThat(all.structured().get("total").asInt()).isEqualTo(30);
        assertThat(all.structured().at("/items/2/archived").asBoolean()).isTrue();
        assertThat(all.text()).contains("ARCHIVED");
    }

    @Test
    void itemsBeyondTheBudgetAreCutWithACursorRightAfterTheLastOneShown() {
        ArrayNode raw = listings(1, 20);
        ObjectNode args = args().put("limit", 20);
        args.putArray("fields").add("all");
        PageRequest request = PageRequest.from(args, cursors, TODAY);
        PageRequest offsetRequest = new PageRequest(request.filters(), 100, 20, false, request.fieldNames());

        ToolResult result = ListListingsTool.render(new HostawayPage(raw, 520, 20, 100), offsetRequest, cursors);

        int returned = result.structured().get("returned").asInt();
        assertThat(returned).isBetween(1, 19);
        assertThat(result.structured().get("truncated").asBoolean()).isTrue();
        assertThat(result.structured().get("note").asText()).contains("fewer fields");
        assertThat(cursors.decode(result.structured().get("nextCursor").asText()).get("offset").asInt())
                .isEqualTo(100 + returned);
        assertThat(result.structured().toString().length()).isLessThan(20_000);
        assertValid(result);
    }

    @Test
    void aSingleListingLargerThanTheBudgetIsShownShortenedAndTheCursorStillAdvances() {
        ArrayNode raw = listings(1, 2);
        ((ObjectNode) raw.get(0)).put("description", "x".repeat(40_000));
        ObjectNode args = args();
        args.putArray("fields").add("all");
        PageRequest request = PageRequest.from(args, cursors, TODAY);

        ToolResult result = ListListingsTool.render(new HostawayPage(raw, 2, 20, 0), request, cursors);

        assertThat(result.structured().get("returned").asInt()).isEqualTo(1);
        assertThat(result.structured().get("truncated").asBoolean()).isTrue();
        assertThat(result.structured().at("/items/0/description").asText()).hasSize(501);
        assertThat(result.structured().get("note").asText()).contains("description");
        assertThat(cursors.decode(result.structured().get("nextCursor").asText()).get("offset").asInt()).isEqualTo(1);
        assertValid(result);
    }

    private static void assertValid(ToolResult result) {
        assertThat(ToolSchemas.violations(ListListingsTool.NAME, "output", result.structured())).isEmpty();
    }

    private static ObjectNode args() {
        return ToolSchemas.JSON.createObjectNode();
    }

    static ArrayNode listings(int first, int count) {
        ArrayNode raw = ToolSchemas.JSON.createArrayNode();
        for (int n = first; n < first + count; n++) {
            ObjectNode listing = (ObjectNode) ToolSchemas.documentedListing();
            listing.put("id", 100030000 + n);
            raw.add(listing);
        }
        return raw;
    }
}
