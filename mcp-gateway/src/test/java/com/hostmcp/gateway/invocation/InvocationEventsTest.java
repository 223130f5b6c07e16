package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.EntitlementState;
import com.hostmcp.gateway.GatewayTopics;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.RecordedEvents;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every tool call, whatever its outcome, is one ToolInvoked and one UsageRecorded record, without guest data. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class InvocationEventsTest {

    @Test
    void successToolErrorValidationErrorAndRefusalEachProduceExactlyOneInvocationAndOneUsageRecord() {
        TestTenant tenant = TestTenants.withOwnAccount(3);
        long listing = tenant.accountId() * 10_000 + 1;
        AtomicInteger calls = new AtomicInteger(3);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            assertThat(isError(call(client, "get_listing", Map.of("listingId", listing)))).isFalse();
            assertThat(errorType(call(client, "get_listing", Map.of("listingId", listing + 500)))).isEqualTo(
                    "not_found");
            assertThat(errorType(call(client, "list_listings", Map.of("limit", 1000)))).isEqualTo("validation");
            TestTenants.publishEntitlement(tenant.organizationId(), EntitlementState.SUSPENDED, false, "unpaid");
            // until the suspension arrives the calls succeed; every one of them counts
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                calls.incrementAndGet();
                return "entitlement".equals(errorType(call(client, "get_listing", Map.of("listingId", listing))));
            });
        }
        List<JsonNode> invocations = awaitRecords(GatewayTopics.TOOL_INVOCATIONS, tenant.organizationId(),
                calls.get());
        List<JsonNode> usage = awaitRecords(GatewayTopics.USAGE, tenant.organizationId(), calls.get());

        assertThat(invocations).as("one record per call made").hasSize(calls.get());
        assertThat(usage).hasSize(calls.get());
        invocations.forEach(event -> EventContracts.assertValid(event.toString()));
        usage.forEach(event -> EventContracts.assertValid(event.toString()));
        assertThat(ids(invocations)).as("one usage record per invocation, same invocationId").isEqualTo(ids(usage));
        assertThat(invocations).extracting(event -> event.at("/data/outcome").asText())
                .startsWith("SUCCESS", "ERROR", "ERROR").contains("REFUSED");
        assertThat(invocations).extracting(event -> event.at("/data/errorType").asText(null))
                .startsWith(null, "not_found", "validation");
        JsonNode success = invocations.get(0).get("data");
        assertThat(success.get("hostawayCalls").asInt()).isPositive();
        assertThat(success.get("hostawayStatus").asInt()).isEqualTo(200);
        assertThat(success.get("keyId").asText()).isEqualTo(tenant.keyId().toString());
        assertThat(success.get("transport").asText()).isEqualTo("STREAMABLE_HTTP");
        assertThat(success.get("mcpSessionId").asText()).isNotBlank();
        JsonNode refused = invocations.get(invocations.size() - 1).get("data");
        assertThat(refused.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("hostawayCalls").asInt()).as("a refused call never reaches Hostaway").isZero();
    }

    @Test
    void guestDataInArgumentsNeverReachesTheEventsAndTheSseTransportIsRecorded() {
        TestTenant tenant = TestTenants.withOwnAccount(2);
        String email = "guest-" + UUID.randomUUID() + "@guests.example.com";
        String body = "Door code is 4711 " + UUID.randomUUID();
        try (McpSyncClient client = McpClients.connect(Transport.SSE, tenant.apiKey())) {
            call(client, "search_reservations", Map.of("guestEmail", email, "guestName", "Ada Lovelace"));
            call(client, "send_guest_message", Map.of("conversationId", tenant.accountId() * 100_000 + 999_99L,
                    "body", body));
        }

        // the records are published after the responses, by the gateway's sender thread
        List<ConsumerRecord<String, String>> records = awaitRawRecords(GatewayTopics.TOOL_INVOCATIONS,
                tenant.organizationId(), 2);
        List<ConsumerRecord<String, String>> metering = awaitRawRecords(GatewayTopics.USAGE,
                tenant.organizationId(), 2);
        assertThat(records).hasSize(2);
        assertThat(metering).hasSize(2);
        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.value()).doesNotContain(email).doesNotContain("Ada Lovelace").doesNotContain(body)
                    .contains("[REDACTED]").contains("\"transport\":\"SSE\"");
            assertThat(record.headers().lastHeader("traceparent")).as("trace context travels").isNotNull();
            assertThat(record.headers().lastHeader("content-type")).isNull();
        }
        metering.forEach(record -> assertThat(record.value()).doesNotContain(email).doesNotContain(body));
    }

    /** The records once {@code expected} are there, plus any that arrive within another second (there must be none). */
    private static List<JsonNode> awaitRecords(String topic, UUID organizationId, int expected) {
        return awaitRawRecords(topic, organizationId, expected).stream().map(RecordedEvents::json).toList();
    }

    private static List<ConsumerRecord<String, String>> awaitRawRecords(String topic, UUID organizationId,
            int expected) {
        await().atMost(Duration.ofSeconds(15)).until(() -> RecordedEvents.of(topic, organizationId).size() >= expected);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        return RecordedEvents.of(topic, organizationId);
    }

    private static Set<String> ids(List<JsonNode> events) {
        return events.stream().map(event -> event.at("/data/invocationId").asText()).collect(Collectors.toSet());
    }
}
