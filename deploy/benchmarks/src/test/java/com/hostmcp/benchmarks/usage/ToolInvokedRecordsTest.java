package com.hostmcp.benchmarks.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.benchmarks.Stack;
import com.hostmcp.testsupport.events.EventContracts;

class ToolInvokedRecordsTest {

    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final List<UUID> KEYS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");

    @Test
    void everyRecordKeepsTheGatewaysContract() {
        ToolInvokedRecords records = new ToolInvokedRecords(ORGANIZATION, KEYS, NOW, Duration.ofDays(30), 7);
        for (int i = 0; i < 2_000; i++) {
            String event = records.next();
            assertThat(EventContracts.violations(event)).as("%s", event).isEmpty();
        }
    }

    @Test
    void recordsSpreadOverTheLastThirtyDaysToolsKeysAndOutcomesOfOneOrganization() throws Exception {
        ToolInvokedRecords records = new ToolInvokedRecords(ORGANIZATION, KEYS, NOW, Duration.ofDays(30), 11);
        Set<String> tools = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Set<Long> days = new HashSet<>();
        Map<String, Integer> outcomes = new HashMap<>();
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            JsonNode event = Stack.JSON.readTree(records.next());
            JsonNode data = event.path("data");
            assertThat(event.path("subject").asText()).isEqualTo(ORGANIZATION.toString());
            assertThat(data.path("organizationId").asText()).isEqualTo(ORGANIZATION.toString());
            Instant started = Instant.parse(data.path("startedAt").asText());
            assertThat(started).isBetween(NOW.minus(Duration.ofDays(30)).minusSeconds(60), NOW);
            assertThat(Instant.parse(event.path("time").asText())).isAfterOrEqualTo(started).isBeforeOrEqualTo(NOW);
            assertThat(data.path("errorType").isNull()).isEqualTo("SUCCESS".equals(data.path("outcome").asText()));
            tools.add(data.path("tool").asText());
            keys.add(data.path("keyId").asText());
            ids.add(data.path("invocationId").asText());
            days.add(started.getEpochSecond() / 86_400);
            outcomes.merge(data.path("outcome").asText(), 1, Integer::sum);
        }
        assertThat(tools).containsExactlyInAnyOrderElementsOf(ToolInvokedRecords.TOOLS);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(KEYS.stream().map(UUID::toString).toList());
        assertThat(ids).as("every invocation id is new").hasSize(count);
        assertThat(days).hasSizeBetween(30, 31);
        assertThat(outcomes.get("SUCCESS")).isBetween(17_600, 18_400);
        assertThat(outcomes.get("ERROR")).isBetween(1_200, 1_600);
        assertThat(outcomes.get("REFUSED")).isBetween(450, 750);
    }

    @Test
    void traceparentsAreW3cTraceContextHeaders() {
        ToolInvokedRecords records = new ToolInvokedRecords(ORGANIZATION, KEYS, NOW, Duration.ofDays(30), 3);
        assertThat(records.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
