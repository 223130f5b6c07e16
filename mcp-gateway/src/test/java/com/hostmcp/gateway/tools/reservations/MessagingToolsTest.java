package com.hostmcp.gateway.tools.reservations;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.logging.LogCapture;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * list_conversations, get_conversation_messages and send_guest_message over MCP against the Hostaway stand-in, on an
 * account of this test's own with two active listings and one archived listing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingToolsTest {

    private TestTenant tenant;
    private long archivedListing;

    @BeforeAll
    void connect() {
        String secret = "messaging-test-secret-" + UUID.randomUUID();
        long accountId = TestTenants.newAccountId();
        // three listings, the last one archived
        archivedListing = HostawayStandInResource.standIn().addAccount(accountId, secret, 3, 1).listingId(3);
        tenant = TestTenants.connected(accountId, secret);
    }

    private McpSyncClient client() {
        return McpClients.connect(Transport.SSE, tenant.apiKey());
    }

    private List<JsonNode> allConversations(McpSyncClient client) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> arguments = new HashMap<>(Map.of("limit", 100));
            if (cursor != null) {
                arguments.put("cursor", cursor);
            }
            JsonNode page = structured(call(client, "list_conversations", arguments));
            page.get("items").forEach(all::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return all;
    }

    private JsonNode activeConversation(McpSyncClient client) {
        return allConversations(client).stream().filter(c -> c.get("listingMapId").asLong() != archivedListing)
                .findFirst().orElseThrow();
    }

    @Test
    void listConversationsPagesAndFiltersByReservation() {
        try (McpSyncClient client = client()) {
            CallToolResult first = call(client, "list_conversations", Map.of("limit", 3));
            assertThat(isError(first)).as(text(first)).isFalse();
            JsonNode page = structured(first);
            int total = page.get("total").asInt();
            assertThat(total).isGreaterThan(3);
            JsonNode item = page.get("items").get(0);
            assertThat(item.get("id").asLong()).isBetween(tenant.accountId() * 100_000, tenant.accountId() * 100_000 + 99_999);
            assertThat(item.get("guestName").asText()).isNotBlank();
            assertThat(item.get("lastMessagePreview").asText().length())
                    .isLessThanOrEqualTo(ListConversationsTool.PREVIEW_CHARS);
            assertThat(item.get("hasUnreadMessages").isBoolean()).isTrue();

            JsonNode second = structured(call(client, "list_conversations",
                    Map.of("limit", 3, "cursor", page.get("nextCursor").asText())));
            Set<Long> ids = new HashSet<>();
            page.get("items").forEach(c -> ids.add(c.get("id").asLong()));
            second.get("items").forEach(c -> assertThat(ids.add(c.get("id").asLong())).isTrue());
            assertThat(allConversations(client)).hasSize(total);

            long reservationId = item.get("reservationId").asLong();
            JsonNode ofReservation = structured(call(client, "list_conversations",
                    Map.of("reservationId", reservationId, "fields", List.of("reservationStatus", "arrivalDate"))));
            assertThat(ofReservation.get("items")).isNotEmpty().allSatisfy(c -> {
                assertThat(c.get("reservationId").asLong()).isEqualTo(reservationId);
                assertThat(c.get("arrivalDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            });
        }
    }

    @Test
    void messagesComeNewestFirstOrOldestFirstWithCutBodies() {
        try (McpSyncClient client = client()) {
            long conversationId = activeConversation(client).get("id").asLong();
            CallToolResult newest = call(client, "get_conversation_messages",
                    Map.of("conversationId", conversationId, "bodyMaxChars", 50));
            assertThat(isError(newest)).as(text(newest)).isFalse();
            JsonNode newestPage = structured(newest);
            int total = newestPage.get("total").asInt();
            assertThat(total).isPositive();
            List<Long> newestIds = new ArrayList<>();
            newestPage.get("items").forEach(m -> {
                newestIds.add(m.get("id").asLong());
                assertThat(m.get("body").asText().length()).isLessThanOrEqualTo(50);
                assertThat(m.get("communicationType").asText()).isIn("email", "channel", "sms", "whatsapp");
            });
            assertThat(newestPage.get("items").get(0).get("date").asText())
                    .isGreaterThanOrEqualTo(newestPage.get("items").get(newestIds.size() - 1).get("date").asText());

            List<Long> oldestIds = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, Object> arguments = new HashMap<>(
                        Map.of("conversationId", conversationId, "order", "oldestFirst", "limit", 1));
                if (cursor != null) {
                    arguments.put("cursor", cursor);
                }
                CallToolResult result = call(client, "get_conversation_messages", arguments);
                assertThat(isError(result)).as(text(result)).isFalse();
                JsonNode page = structured(result);
                page.get("items").forEach(m -> oldestIds.add(m.get("id").asLong()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);
            List<Long> reversed = new ArrayList<>(newestIds);
            java.util.Collections.reverse(reversed);
            assertThat(oldestIds).containsExactlyElementsOf(reversed);
        }
    }

    @Test
    void sendGuestMessageSendsOnceAndNeitherTheBodyNorTheGuestIsLogged() {
        Logger.getLogger(MessagingToolsTest.class).info("log capture canary");
        try (McpSyncClient client = client(); LogCapture logs = new LogCapture()) {
            Logger.getLogger(MessagingToolsTest.class).info("log capture canary");
            JsonNode conversation = activeConversation(client);
            long conversationId = conversation.get("id").asLong();
            JsonNode guest = structured(call(client, "get_guest",
                    Map.of("reservationId", conversation.get("reservationId").asLong())));
            String body = "Hello " + guest.get("firstName").asText() + ", the door code is 4711-"
                    + UUID.randomUUID() + ". " + "Enjoy your stay! ".repeat(40);

            CallToolResult sent = call(client, "send_guest_message",
                    Map.of("conversationId", conversationId, "body", body, "communicationType", "channel"));
            assertThat(isError(sent)).as(text(sent)).isFalse();
            JsonNode message = structured(sent).get("message");
            assertThat(structured(sent).get("sent").asBoolean()).isTrue();
            assertThat(message.get("conversationId").asLong()).isEqualTo(conversationId);
            assertThat(message.get("communicationType").asText()).isEqualTo("channel");
            assertThat(message.get("status").asText()).isEqualTo("sent");
            assertThat(message.get("bodyChars").asInt()).isEqualTo(body.length());
            assertThat(text(sent)).doesNotContain(body.substring(0, 30)).contains("Do not send it again");

            JsonNode latest = structured(call(client, "get_conversation_messages",
                    Map.of("conversationId", conversationId, "limit", 1, "fullBodies", true))).get("items").get(0);
            assertThat(latest.get("id").asLong()).isEqualTo(message.get("id").asLong());
            assertThat(latest.get("body").asText()).isEqualTo(body);
            assertThat(latest.get("isIncoming").asBoolean()).isFalse();
            JsonNode cut = structured(call(client, "get_conversation_messages",
                    Map.of("conversationId", conversationId, "limit", 1))).get("items").get(0);
            assertThat(cut.get("bodyTruncated").asBoolean()).isTrue();
            assertThat(cut.get("body").asText()).endsWith("…").hasSizeLessThanOrEqualTo(
                    GetConversationMessagesTool.DEFAULT_BODY_CHARS);

            assertThat(logs.linesContaining("log capture canary")).as("the capture works").hasSize(1);
            List<String> leaks = new ArrayList<>();
            for (String pii : List.of(body.substring(0, 40), "door code is 4711", guest.get("email").asText(),
                    guest.get("phone").asText())) {
                leaks.addAll(logs.linesContaining(pii));
            }
            assertThat(leaks).as("log lines with the message body or the guest's contact details").isEmpty();
        }
    }

    @Test
    void archivedListingsUnknownConversationsAndBlankBodiesAreRefused() {
        try (McpSyncClient client = client()) {
            JsonNode archived = allConversations(client).stream()
                    .filter(c -> c.get("listingMapId").asLong() == archivedListing).findFirst().orElseThrow();
            CallToolResult refused = call(client, "send_guest_message",
                    Map.of("conversationId", archived.get("id").asLong(), "body", "Hello again"));
            assertThat(errorType(refused)).isEqualTo("validation");
            assertThat(text(refused)).contains("archived").contains("Nothing was sent");

            CallToolResult unknown = call(client, "send_guest_message",
                    Map.of("conversationId", tenant.accountId() * 100_000 + 99_999, "body", "Hello"));
            assertThat(errorType(unknown)).isEqualTo("not_found");
            CallToolResult unknownThread = call(client, "get_conversation_messages",
                    Map.of("conversationId", tenant.accountId() * 100_000 + 99_999));
            assertThat(errorType(unknownThread)).isEqualTo("not_found");

            CallToolResult blank = call(client, "send_guest_message",
                    Map.of("conversationId", archived.get("id").asLong(), "body", "   "));
            assertThat(errorType(blank)).isEqualTo("validation");
            assertThat(text(blank)).contains("body");
        }
    }
}
