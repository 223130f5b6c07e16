package com.hostmcp.gateway.events;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the events' Kafka unreachable, records pile up; once the bounded buffer is full the gateway answers 503
 * instead of serving calls it could not audit. (Projections still read the real broker.)
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(EventBufferFullTest.UnreachableEventsBroker.class)
class EventBufferFullTest {

    public static class UnreachableEventsBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // two calls' worth of records (one invocation + one usage each)
            return Map.of("gateway.events.bootstrap-servers", "127.0.0.1:1",
                    "gateway.events.max-pending", "4",
                    "gateway.events.delivery-timeout", "2s");
        }
    }

    @Test
    void whenTheEventBufferIsFullNewRequestsGet503WithRetryAfterInsteadOfUnauditedCalls() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        long listing = tenant.accountId() * 10_000 + 1;
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            assertThat(isError(call(client, "get_listing", Map.of("listingId", listing)))).isFalse();
            assertThat(isError(call(client, "get_listing", Map.of("listingId", listing)))).isFalse();
        }

        given().header("X-API-Key", tenant.apiKey()).contentType("application/json")
                .accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(503).header("Retry-After", equalTo("5"))
                .body("error", equalTo("temporarily_unavailable"));
    }
}
