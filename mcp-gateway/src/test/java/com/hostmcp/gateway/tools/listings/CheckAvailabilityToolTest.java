package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

class CheckAvailabilityToolTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final LocalDate START = LocalDate.of(2026, 12, 1);

    @Test
    void equalConsecutiveNightsBecomeOneRangeAndTheSummaryCoversAvailableNights() {
        ArrayNode days = ToolSchemas.JSON.createArrayNode();
        day(days, START, "available", 100, 2);
        day(days, START.plusDays(1), "available", 100, 2);
        day(days, START.plusDays(2), "reserved", 100, 2);
        day(days, START.plusDays(3), "mreserved", 100, 2);
        day(days, START.plusDays(4), "available", 115, 2);
        day(days, START.plusDays(5), "hardBlock", 115, 2);
        day(days, START.plusDays(6), "pending", 115, 3);

        ToolResult result = CheckAvailabilityTool.render(7, START, START.plusDays(7), days);
        ObjectNode out = result.structured();

        assertThat(out.get("ranges").size()).isEqualTo(5);
        assertThat(out.at("/ranges/0/firstNight").asText()).isEqualTo("2026-12-01");
        assertThat(out.at("/ranges/0/lastNight").asText()).isEqualTo("2026-12-02");
        assertThat(out.at("/ranges/0/nights").asInt()).isEqualTo(2);
        assertThat(out.at("/ranges/1/status").asText()).isEqualTo("reserved");
        assertThat(out.at("/ranges/1/nights").asInt()).isEqualTo(2);
        assertThat(out.at("/ranges/3/status").asText()).isEqualTo("blocked");
        assertThat(out.at("/summary/availableNights").asInt()).isEqualTo(3);
        assertThat(out.at("/summary/reservedNights").asInt()).isEqualTo(2);
        assertThat(out.at("/summary/blockedNights").asInt()).isEqualTo(1);
        assertThat(out.at("/summary/pendingNights").asInt()).isEqualTo(1);
        assertThat(out.at("/summary/firstAvailableNight").asText()).isEqualTo("2026-12-01");
        assertThat(out.at("/summary/lastAvailableNight").asText()).isEqualTo("2026-12-05");
        assertThat(out.at("/summary/minPrice").asDouble()).isEqualTo(100);
        assertThat(out.at("/summary/avgPrice").asDouble()).isEqualTo(105);
        assertThat(out.at("/summary/maxPrice").asDouble()).isEqualTo(115);
        assertThat(result.text()).contains("3 available, 2 reserved, 1 blocked, 1 pending")
                .contains("2026-12-01..2026-12-02 (2 nights) available 100.00 min 2");
        assertThat(ToolSchemas.violations(CheckAvailabilityTool.NAME, "output", out)).isEmpty();
    }

    @Test
    void noAvailableNightGivesNullPrices() {
        ArrayNode days = ToolSchemas.JSON.createArrayNode();
        day(days, START, "blocked", 100, 1);
        ObjectNode out = CheckAvailabilityTool.render(7, START, START.plusDays(1), days).structured();

        assertThat(out.at("/summary/minPrice").isNull()).isTrue();
        assertThat(out.at("/summary/firstAvailableNight").isNull()).isTrue();
        assertThat(ToolSchemas.violations(CheckAvailabilityTool.NAME, "output", out)).isEmpty();
    }

    @Test
    void alternatingPricesOverAYearStillFitWithTheSummaryForTheWholePeriod() {
        ArrayNode days = ToolSchemas.JSON.createArrayNode();
        for (int i = 0; i < 366; i++) {
            day(days, START.plusDays(i), i % 3 == 0 ? "reserved" : "available", 100 + i, 1 + i % 2);
        }
        ToolResult result = CheckAvailabilityTool.render(7, START, START.plusDays(366), days);

        assertThat(result.structured().at("/summary/nights").asInt()).isEqualTo(366);
        assertThat(result.structured().toString().length() + result.text().length()).isLessThan(25_000);
        if (result.structured().get("truncated").asBoolean()) {
            assertThat(result.structured().get("note").asText()).contains("startDate");
        }
        assertThat(ToolSchemas.violations(CheckAvailabilityTool.NAME, "output", result.structured())).isEmpty();
    }

    @Test
    void periodIsChecked() {
        assertThatThrownBy(() -> CheckAvailabilityTool.checkPeriod(START, START, TODAY))
                .isInstanceOf(ToolFailure.class).hasMessageContaining("must be after startDate");
        assertThatThrownBy(() -> CheckAvailabilityTool.checkPeriod(START, START.plusDays(367), TODAY))
                .hasMessageContaining("367 nights");
        assertThatThrownBy(() -> CheckAvailabilityTool.checkPeriod(TODAY.minusYears(3), TODAY.minusYears(3)
                .plusDays(3), TODAY)).hasMessageContaining("two years");
        CheckAvailabilityTool.checkPeriod(START, START.plusDays(366), TODAY);
        CheckAvailabilityTool.checkPeriod(TODAY.minusDays(30), TODAY, TODAY);
    }

    private static void day(ArrayNode days, LocalDate date, String status, double price, int minimumStay) {
        days.addObject().put("date", date.toString()).put("isAvailable", status.equals("available") ? 1 : 0)
                .put("status", status).put("price", price).put("minimumStay", minimumStay);
    }
}
