package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.text;
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
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the model sees when Hostaway limits, fails or rejects: a tool error with the type first and what to do. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class HostawayFailuresThroughToolsTest {

    @Test
    void aFew429sAreRetriedAwayAndPersistent429sBecomeARateLimitedErrorWithTheSecondsToWait() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        long listing = tenant.accountId() * 10_000 + 1;
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            HostawayStandInResource.standIn().failNext(tenant.accountId(), 1, 429);
            assertThat(isError(call(client, "get_listing", Map.of("listingId", listing)))).as("retried").isFalse();

            HostawayStandInResource.standIn().failNext(tenant.accountId(), 50, 429);
            CallToolResult limited = call(client, "get_listing", Map.of("listingId", listing));

            assertThat(errorType(limited)).isEqualTo("rate_limited");
            assertThat(text(limited)).containsPattern("Retry after [1-9][0-9]* s").contains("What to do:");
        }
    }

    @Test
    void persistentServerErrorsBecomeAnUpstreamErrorAndRejectedCredentialsAnUnauthorizedOne() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        long listing = tenant.accountId() * 10_000 + 1;
        try (McpSyncClient client = McpClients.connect(Transport.SSE, tenant.apiKey())) {
            HostawayStandInResource.standIn().failNext(tenant.accountId(), 50, 503);
            assertThat(errorType(call(client, "get_listing", Map.of("listingId", listing)))).isEqualTo("upstream");

        }
        // another account: the first one's circuit is open now
        TestTenant other = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.SSE, other.apiKey())) {
            HostawayStandInResource.standIn().rotateSecret(other.accountId(), "a-secret-the-gateway-does-not-know");
            HostawayStandInResource.standIn().revokeTokens(other.accountId());
            CallToolResult rejected = call(client, "get_listing", Map.of("listingId", other.accountId() * 10_000 + 1));

            assertThat(errorType(rejected)).isEqualTo("unauthorized");
            assertThat(text(rejected)).contains("reconnect Hostaway").doesNotContain("a-secret-the-gateway");
        }
    }
}
