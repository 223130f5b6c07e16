package com.hostmcp.gateway.tools.reservations;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayPage;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * get_conversation_messages: GET /v1/conversations/{id}/messages. Hostaway lists newest first with offset paging;
 * oldest first is served by reading the count first and taking the window from the end, which also keeps an
 * oldest-first walk stable while new messages arrive.
 */
@ApplicationScoped
public class GetConversationMessagesTool implements GatewayTool {

    static final String NEWEST_FIRST = "newestFirst";
    static final String OLDEST_FIRST = "oldestFirst";
    static final int DEFAULT_BODY_CHARS = 500;
    /** With fullBodies one message still fits into the items budget. */
    static final int FULL_BODY_MAX_CHARS = ResponseBudget.ITEMS_BUDGET - 1_000;

    @Override
    public String name() {
        return "get_conversation_messages";
    }

    @Override
    public String description() {
        return """
                Read the messages of one guest conversation (conversationId from list_conversations). Use it to \
                read what a guest wrote and what was answered before replying. Do NOT use it to find conversations \
                (use list_conversations) or to send (use send_guest_message). Only messages that were sent are \
                listed (Hostaway leaves out scheduled ones).
                Order: newestFirst (default, Hostaway's own order) or oldestFirst (costs one extra Hostaway call per \
                page). Each message: id, date, isIncoming (true = from the guest), status, communicationType \
                (email, channel, sms, whatsapp), body (cut to bodyMaxChars, default 500; bodyTruncated says so), \
                bodyTruncated. Set fullBodies: true to get whole bodies (as many as fit into the response). Add \
                fields with `fields`: sentChannelDate, isSeen, sentUsingHostaway, insertedOn, updatedOn, attachments \
                (name, url, mimeType; private attachment URLs expire after 7 days), or ["all"].
                Paging: `limit` (1-100, default 20); pass `nextCursor` back as `cursor` with the same conversationId \
                and order. `total` is the number of messages in the conversation.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Read conversation messages", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long conversationId = Arguments.requiredLong(arguments, "conversationId");
        String order = Arguments.textOr(arguments, "order", NEWEST_FIRST);
        int limit = Arguments.intOr(arguments, "limit", 20);
        int bodyChars = Arguments.booleanOr(arguments, "fullBodies", false) ? FULL_BODY_MAX_CHARS
                : Arguments.intOr(arguments, "bodyMaxChars", DEFAULT_BODY_CHARS);
        List<String> fields = Arguments.textList(arguments, "fields");
        String fingerprint = ListResponse.fingerprint(
                ListResponse.NODES.objectNode().put("conversationId", conversationId).put("order", order));
        ObjectNode state = ListResponse.resume(context.cursors(), Arguments.optionalText(arguments, "cursor"),
                fingerprint);
        int position = state == null ? 0 : state.path("position").asInt();

        Uni<Window> window = OLDEST_FIRST.equals(order) ? oldestFirst(context, conversationId, position, limit)
                : context.hostaway().listMessages(conversationId, limit, position)
                        .map(page -> new Window(messages(page), page.count()));
        return window.map(w -> {
            List<ObjectNode> items = new ArrayList<>();
            w.messages().forEach(message -> items.add(summary(message, fields, bodyChars)));
            int end = position + items.size();
            String nextCursor = !items.isEmpty() && end < w.total() ? cursor(context, fingerprint, end) : null;
            ObjectNode list = ListResponse.build(new ListResponse.Page(items, w.total(), nextCursor, null),
                    i -> cursor(context, fingerprint, position + i + 1),
                    "use a smaller bodyMaxChars, leave out fullBodies, or ask for a smaller limit.");
            String heading = "Conversation #" + conversationId + ": " + list.get("returned").asInt() + " of "
                    + w.total() + " messages, " + (OLDEST_FIRST.equals(order) ? "oldest" : "newest") + " first.";
            return ListResponse.toResult(list, heading, GetConversationMessagesTool::line);
        });
    }

    /** Messages in the order to return them, and the conversation's message count. */
    record Window(List<JsonNode> messages, int total) {
    }

    private static Uni<Window> oldestFirst(ToolContext context, long conversationId, int position, int limit) {
        return context.hostaway().listMessages(conversationId, 1, 0).flatMap(probe -> {
            int total = probe.count();
            int remaining = total - position;
            if (remaining <= 0) {
                return Uni.createFrom().item(new Window(List.of(), total));
            }
            int offset = Math.max(0, remaining - limit);
            return context.hostaway().listMessages(conversationId, remaining - offset, offset).map(page -> {
                List<JsonNode> messages = messages(page);
                java.util.Collections.reverse(messages);
                return new Window(messages, page.count());
            });
        });
    }

    private static List<JsonNode> messages(HostawayPage page) {
        List<JsonNode> messages = new ArrayList<>();
        page.result().forEach(messages::add);
        return messages;
    }

    private static String cursor(ToolContext context, String fingerprint, int position) {
        return context.cursors().encode(ListResponse.cursorState(fingerprint).put("position", position));
    }

    static ObjectNode summary(JsonNode message, List<String> fields, int bodyChars) {
        String body = ListResponse.text(message, "body");
        String shownBody = ListResponse.trim(body, bodyChars);
        ObjectNode out;
        if (fields.contains(ListResponse.ALL_FIELDS)) {
            out = message.deepCopy();
            out.set("isIncoming", ListResponse.flag(message.get("isIncoming")));
        } else {
            out = ListResponse.NODES.objectNode();
            out.set("id", message.path("id").deepCopy());
            out.put("date", ListResponse.text(message, "date"));
            out.set("isIncoming", ListResponse.flag(message.get("isIncoming")));
            out.put("status", ListResponse.text(message, "status"));
            out.put("communicationType", ListResponse.text(message, "communicationType"));
            for (String field : fields) {
                switch (field) {
                    case "isSeen", "sentUsingHostaway" -> out.set(field, ListResponse.flag(message.get(field)));
                    case "attachments" -> out.set(field, attachments(message.path("attachments")));
                    default -> out.put(field, ListResponse.text(message, field));
                }
            }
        }
        out.put("body", shownBody);
        out.put("bodyTruncated", body != null && !body.equals(shownBody));
        return out;
    }

    private static JsonNode attachments(JsonNode attachments) {
        var out = ListResponse.NODES.arrayNode();
        attachments.forEach(a -> out.add(ListResponse.pick(a, List.of("name", "url", "mimeType"))));
        return out;
    }

    private static String line(JsonNode m) {
        return "#" + m.path("id").asText() + " " + m.path("date").asText() + " "
                + (m.path("isIncoming").asBoolean() ? "guest" : "host") + " (" + m.path("communicationType").asText()
                + "): " + ListResponse.trim(m.path("body").asText(), 200).replace('\n', ' ');
    }
}
