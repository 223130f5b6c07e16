package com.hostmcp.gateway.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;

/** The Quarkus MCP test client over Streamable HTTP: a second, independent client implementation. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class QuarkusMcpTestClientTest {

    @Test
    void initializesListsTheToolsAndCallsOneWithTheKeyOnEveryRequest() {
        TestTenant tenant = TestTenants.withOwnAccount(2);
        McpStreamableTestClient client = McpAssured.newStreamableClient()
                .setBaseUri(URI.create(McpClients.baseUrl()))
                .setAdditionalHeaders(message -> MultiMap.caseInsensitiveMultiMap().add("X-API-Key", tenant.apiKey()))
                .build()
                .connect(init -> assertThat(init.serverName()).isEqualTo("hostmcp"));
        try {
            client.when()
                    .toolsList(page -> {
                        assertThat(page.size()).isEqualTo(ToolsListTest.TOOLS.size());
                        assertThat(page.tools()).allSatisfy(tool -> {
                            assertThat(tool.outputSchema()).isNotNull();
                            assertThat(tool.annotations()).isPresent();
                        });
                    })
                    .toolsCall("get_listing", Map.of("listingId", tenant.accountId() * 10_000 + 2), response -> {
                        assertThat(response.isError()).isFalse();
                        assertThat(((TextContent) response.content().get(0)).text())
                                .contains("#" + (tenant.accountId() * 10_000 + 2));
                    })
                    .toolsCall("get_listing", Map.of("listingId", 0), response -> {
                        assertThat(response.isError()).isTrue();
                        assertThat(((TextContent) response.content().get(0)).text()).startsWith("[validation]");
                    })
                    .thenAssertResults();
        } finally {
            client.disconnect();
        }
    }
}
