package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;
import com.hostmcp.gateway.tools.listings.UpdateCalendarTool.Interval;

class UpdateCalendarToolTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @Test
    void intervalsMapToHostawayWithOnlyTheValuesGiven() {
        ArrayNode items = ToolSchemas.JSON.createArrayNode();
        items.addObject().put("startDate", "2026-12-01").put("endDate", "2026-12-03").put("price", 150.5);
        items.addObject().put("startDate", "2026-12-10").put("endDate", "2026-12-10").put("available", false)
                .put("minimumStay", 3);

        List<Interval> intervals = UpdateCalendarTool.intervals(items, TODAY);

        assertThat(intervals.get(0).toHostaway().toString())
                .isEqualTo("{\"startDate\":\"2026-12-01\",\"endDate\":\"2026-12-03\",\"price\":150.5}");
        assertThat(intervals.get(1).toHostaway().toString()).isEqualTo(
                "{\"startDate\":\"2026-12-10\",\"endDate\":\"2026-12-10\",\"isAvailable\":0,\"minimumStay\":3}");
        ToolResult result = UpdateCalendarTool.render(7, intervals);
        assertThat(result.structured().get("nightsChanged").asInt()).isEqualTo(4);
        assertThat(result.structured().at("/applied/0/available").isNull()).isTrue();
        assertThat(result.text()).contains("2026-12-10..2026-12-10 (1 night): blocked, min stay 3");
        assertThat(ToolSchemas.violations(UpdateCalendarTool.NAME, "output", result.structured())).isEmpty();
        assertThat(ToolSchemas.violations(UpdateCalendarTool.NAME, "input",
                ToolSchemas.JSON.createObjectNode().put("listingId", 7).set("intervals", items))).isEmpty();
    }

    @Test
    void crossFieldRulesNameTheInterval() {
        assertRefused(interval("2026-12-05", "2026-12-01").put("price", 10), "intervals[0].endDate");
        assertRefused(interval("2026-01-05", "2026-01-08").put("price", 10), "in the past");
        assertRefused(interval("2026-12-01", "2028-01-08").put("price", 10), "366");
        assertRefused(interval("2026-12-01", "2026-12-08"), "changes nothing");

        ArrayNode overlapping = ToolSchemas.JSON.createArrayNode();
        overlapping.add(interval("2026-12-01", "2026-12-05").put("price", 10));
        overlapping.add(interval("2026-12-10", "2026-12-12").put("price", 10));
        overlapping.add(interval("2026-12-05", "2026-12-06").put("available", true));
        assertThatThrownBy(() -> UpdateCalendarTool.intervals(overlapping, TODAY)).isInstanceOf(ToolFailure.class)
                .hasMessageContaining("intervals[0] and intervals[2] overlap");
    }

    @Test
    void inputSchemaRefusesAnIntervalWithoutChangesAndBadValues() {
        ArrayNode items = ToolSchemas.JSON.createArrayNode();
        items.add(interval("2026-12-01", "2026-12-02"));
        assertThat(ToolSchemas.violations(UpdateCalendarTool.NAME, "input",
                ToolSchemas.JSON.createObjectNode().put("listingId", 7).set("intervals", items))).isNotEmpty();
        items.removeAll().add(interval("2026-12-01", "2026-12-02").put("price", 0).put("minimumStay", 400));
        assertThat(ToolSchemas.violations(UpdateCalendarTool.NAME, "input",
                ToolSchemas.JSON.createObjectNode().put("listingId", 7).set("intervals", items))).hasSize(2);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode interval(String start, String end) {
        return ToolSchemas.JSON.createObjectNode().put("startDate", start).put("endDate", end);
    }

    private static void assertRefused(com.fasterxml.jackson.databind.node.ObjectNode interval, String message) {
        ArrayNode items = ToolSchemas.JSON.createArrayNode().add(interval);
        assertThatThrownBy(() -> UpdateCalendarTool.intervals(items, TODAY)).isInstanceOf(ToolFailure.class)
                .hasMessageContaining(message);
    }
}
