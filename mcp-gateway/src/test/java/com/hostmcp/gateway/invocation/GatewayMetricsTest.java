package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class GatewayMetricsTest {

    @Test
    void toolCallsHostawayRequestsAndProjectionLagAreExportedForPrometheus() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            call(client, "get_listing", Map.of("listingId", tenant.accountId() * 10_000 + 1));
            call(client, "get_listing", Map.of("listingId", tenant.accountId() * 10_000 + 9));
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("hostmcp_mcp_tool_calls_seconds_count\\{[^}]*outcome=\"SUCCESS\"[^}]*tool=\"get_listing\"")
                .containsPattern("hostmcp_mcp_tool_calls_seconds_count\\{error_type=\"not_found\"[^}]*tool=\"get_listing\"")
                .contains("hostmcp_mcp_tool_calls_seconds_bucket")
                .containsPattern("hostmcp_hostaway_requests_seconds_count\\{[^}]*operation=\"GET /v1/listings/\\{id}\"")
                .contains("hostmcp_events_pending")
                .contains("kafka_consumer_fetch_manager_records_lag");
    }
}
