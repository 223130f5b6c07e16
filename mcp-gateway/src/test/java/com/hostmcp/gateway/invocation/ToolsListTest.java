package com.hostmcp.gateway.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class ToolsListTest {

    static final List<String> TOOLS = List.of("list_listings", "get_listing", "check_availability",
            "update_calendar", "search_reservations", "get_reservation", "get_guest", "list_conversations",
            "get_conversation_messages", "send_guest_message", "create_listing", "batch_update_listings",
            "get_financial_report", "get_financial_summary");

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theOfficialSdkClientSeesTheServerAndAllFourteenToolsFullyDescribed(Transport transport) {
        var tenant = TestTenants.connected(HostawaySeedAccounts.SMALL_ACCOUNT_ID, HostawaySeedAccounts.SMALL_SECRET);
        try (McpSyncClient client = McpClients.connect(transport, tenant.apiKey())) {
            InitializeResult init = client.getCurrentInitializationResult();
            assertThat(init.serverInfo().name()).isEqualTo("hostmcp");
            assertThat(init.instructions()).contains("Hostaway").contains("cursor");

            List<Tool> tools = client.listTools().tools();

            assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
            for (Tool tool : tools) {
                assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(80);
                assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object")
                        .containsKey("properties");
                assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
                assertThat(tool.annotations()).as(tool.name()).isNotNull();
                assertThat(tool.annotations().openWorldHint()).as(tool.name()).isTrue();
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) tool.inputSchema()
                        .get("properties");
                properties.forEach((name, property) -> assertThat(property).as(tool.name() + "." + name)
                        .containsKey("description"));
            }
            assertThat(tools).filteredOn(tool -> tool.annotations().readOnlyHint()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("list_listings", "get_listing", "check_availability",
                            "search_reservations", "get_reservation", "get_guest", "list_conversations",
                            "get_conversation_messages", "get_financial_report", "get_financial_summary");
        }
    }
}
