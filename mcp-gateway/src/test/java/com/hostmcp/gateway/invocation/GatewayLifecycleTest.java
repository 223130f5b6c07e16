package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.EntitlementState;
import com.hostmcp.gateway.HostawayStatus;
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

/** Revocation, suspension, restoration and credential state reach the gateway within a second of the event. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class GatewayLifecycleTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Test
    void aRevokedKeyIsRefusedWith401WithinOneSecond() {
        TestTenant tenant = connectedSmall();
        assertThat(initializeStatus(tenant.apiKey())).isEqualTo(200);

        TestTenants.revokeKey(tenant);
        Duration took = timeUntil(() -> initializeStatus(tenant.apiKey()) == 401);

        System.out.printf("revoked key -> first 401 after %d ms%n", took.toMillis());
        assertThat(took).isLessThan(WITHIN);
    }

    @Test
    void aSuspendedOrganizationIsRefusedWithinOneSecondAndWorksAgainOnceRestored() {
        TestTenant tenant = connectedSmall();
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            assertThat(isError(getListing(client))).isFalse();

            TestTenants.publishEntitlement(tenant.organizationId(), EntitlementState.SUSPENDED, false,
                    "invoice in_123 unpaid");
            Duration suspended = timeUntil(() -> "entitlement".equals(errorType(getListing(client))));
            CallToolResult refused = getListing(client);
            assertThat(text(refused)).contains("suspended").contains("invoice in_123 unpaid").contains("Billing");

            TestTenants.publishEntitlement(tenant.organizationId(), EntitlementState.ACTIVE, true, "paid");
            Duration restored = timeUntil(() -> !isError(getListing(client)));

            System.out.printf("suspension -> first refusal after %d ms; restoration -> first success after %d ms%n",
                    suspended.toMillis(), restored.toMillis());
            assertThat(suspended).isLessThan(WITHIN);
            assertThat(restored).isLessThan(WITHIN);
        }
    }

    @Test
    void aCanceledOrganizationAndOneWithoutMcpAccessAreRefusedButPastDueWithAccessIsServed() {
        TestTenant tenant = connectedSmall();
        try (McpSyncClient client = McpClients.connect(Transport.SSE, tenant.apiKey())) {
            TestTenants.publishEntitlement(tenant.organizationId(), EntitlementState.PAST_DUE, true, "retrying");
            await(() -> !isError(getListing(client)));

            TestTenants.publishEntitlement(tenant.organizationId(), EntitlementState.PAST_DUE, false, "grace over");
            await(() -> "entitlement".equals(errorType(getListing(client))));

            TestTenants.publishEntitlement(tenant.organizationId(), EntitlementState.CANCELED, false, "canceled");
            await(() -> text(getListing(client)).contains("canceled"));
        }
    }

    @Test
    void invalidOrMissingHostawayCredentialsAreRefusedWithWhatToDo() {
        TestTenant tenant = connectedSmall();
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            TestTenants.publishOrganization(tenant.organizationId(), HostawayStatus.INVALID, tenant.accountId(), null,
                    "Hostaway answered 403 to the token request");
            CallToolResult invalid = getListing(client);
            assertThat(errorType(invalid)).isEqualTo("unauthorized");
            assertThat(text(invalid)).contains("403 to the token request").contains("reconnects Hostaway");

            TestTenants.publishOrganization(tenant.organizationId(), HostawayStatus.NOT_CONNECTED, 0, null, null);
            CallToolResult missing = getListing(client);
            assertThat(errorType(missing)).isEqualTo("unauthorized");
            assertThat(text(missing)).contains("not connected a Hostaway account");

            TestTenants.publishOrganization(tenant.organizationId(), HostawayStatus.CONNECTED,
                    tenant.accountId(), tenant.secret(), null);
            assertThat(isError(getListing(client))).isFalse();
        }
    }

    private TestTenant tenant;

    /** Its own stand-in account: the polling below must not eat another test's Hostaway rate limit. */
    private TestTenant connectedSmall() {
        tenant = TestTenants.withOwnAccount(2);
        return tenant;
    }

    private CallToolResult getListing(McpSyncClient client) {
        return call(client, "get_listing", Map.of("listingId", tenant.accountId() * 10_000 + 1));
    }

    private static int initializeStatus(String apiKey) {
        return given().header("X-API-Key", apiKey).contentType("application/json")
                .accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
                .post("/mcp").statusCode();
    }

    /** How long until {@code condition} holds, polled every 50 ms (within the per-key inbound limit), at most 10 s. */
    private static Duration timeUntil(BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
                throw new AssertionError("condition not reached within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void await(BooleanSupplier condition) {
        timeUntil(condition);
    }
}
