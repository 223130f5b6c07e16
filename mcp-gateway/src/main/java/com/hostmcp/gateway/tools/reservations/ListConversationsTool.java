package com.hostmcp.gateway.tools.reservations;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayOperations.ConversationQuery;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** list_conversations: GET /v1/conversations with offset paging (the only paging Hostaway offers there). */
@ApplicationScoped
public class ListConversationsTool implements GatewayTool {

    static final int PREVIEW_CHARS = 100;

    @Override
    public String name() {
        return "list_conversations";
    }

    @Override
    public String description() {
        return """
                List the guest conversations (message threads) of the connected Hostaway account, most recent \
                activity first, optionally only those of one reservation (reservationId). Use it to find the \
                conversationId needed by get_conversation_messages and send_guest_message, or to see which threads \
                have unread guest messages. Do NOT use it to read a whole thread (use get_conversation_messages) or \
                to find reservations (use search_reservations).
                Each item is a summary: id (the conversationId), reservationId, listingMapId, guestName, \
                lastMessageAt, lastMessagePreview (the latest message, cut to 100 characters), lastMessageIncoming \
                (true when the guest wrote it), hasUnreadMessages. Add fields with `fields`: type, messageSentOn, \
                messageReceivedOn, recipientEmail, arrivalDate, departureDate, reservationStatus, channelName, \
                listingName, or ["all"] for the whole Hostaway object (large: use a small limit).
                Paging: `limit` (1-100, default 20); pass `nextCursor` back as `cursor` with the same reservationId \
                for the next page. `total` is Hostaway's count of conversations.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("List guest conversations", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        Long reservationId = Arguments.optionalLong(arguments, "reservationId");
        List<String> fields = Arguments.textList(arguments, "fields");
        int limit = Arguments.intOr(arguments, "limit", 20);
        ObjectNode filters = ListResponse.NODES.objectNode().put("reservationId", reservationId);
        String fingerprint = ListResponse.fingerprint(filters);
        ObjectNode state = ListResponse.resume(context.cursors(), Arguments.optionalText(arguments, "cursor"),
                fingerprint);
        int offset = state == null ? 0 : state.path("offset").asInt();
        return context.hostaway().listConversations(new ConversationQuery(limit, offset, reservationId))
                .map(page -> {
                    List<ObjectNode> items = new java.util.ArrayList<>();
                    page.result().forEach(conversation -> items.add(summary(conversation, fields)));
                    int end = offset + items.size();
                    String nextCursor = !items.isEmpty() && end < page.count() ? cursor(context, fingerprint, end)
                            : null;
                    ObjectNode list = ListResponse.build(
                            new ListResponse.Page(items, page.count(), nextCursor, null),
                            i -> cursor(context, fingerprint, offset + i + 1),
                            "ask for fewer fields or a smaller limit.");
                    String heading = "Conversations: " + list.get("returned").asInt() + " shown of " + page.count()
                            + ".";
                    return ListResponse.toResult(list, heading, ListConversationsTool::line);
                });
    }

    private static String cursor(ToolContext context, String fingerprint, int offset) {
        return context.cursors().encode(ListResponse.cursorState(fingerprint).put("offset", offset));
    }

    static ObjectNode summary(JsonNode conversation, List<String> fields) {
        boolean all = fields.contains(ListResponse.ALL_FIELDS);
        // with "all" the summary fields are added to the whole object, so that every item has them
        ObjectNode out = all ? conversation.deepCopy() : ListResponse.NODES.objectNode();
        out.set("id", conversation.path("id").deepCopy());
        out.set("reservationId", conversation.path("reservationId").deepCopy());
        out.set("listingMapId", conversation.path("listingMapId").deepCopy());
        out.put("guestName", ListResponse.text(conversation, "recipientName"));
        out.put("lastMessageAt", latest(ListResponse.text(conversation, "messageSentOn"),
                ListResponse.text(conversation, "messageReceivedOn")));
        JsonNode last = conversation.path("conversationMessages").path(0);
        out.put("lastMessagePreview", ListResponse.trim(ListResponse.text(last, "body"), PREVIEW_CHARS));
        out.set("lastMessageIncoming", ListResponse.flag(last.get("isIncoming")));
        out.set("hasUnreadMessages", ListResponse.flag(conversation.get("hasUnreadMessages")));
        if (all) {
            return out;
        }
        JsonNode reservation = conversation.path("Reservation");
        for (String field : fields) {
            switch (field) {
                case "reservationStatus" -> out.put(field, ListResponse.text(reservation, "status"));
                case "arrivalDate", "departureDate", "channelName", "listingName" ->
                    out.put(field, ListResponse.text(reservation, field));
                default -> out.put(field, ListResponse.text(conversation, field));
            }
        }
        return out;
    }

    /** The later of two Hostaway datetimes ({@code YYYY-MM-DD HH:MM:SS} sorts as text). */
    private static String latest(String sent, String received) {
        if (sent == null) {
            return received;
        }
        return received == null || sent.compareTo(received) >= 0 ? sent : received;
    }

    private static String line(JsonNode c) {
        return "#" + c.path("id").asText() + " reservation " + c.path("reservationId").asText() + " "
                + c.path("guestName").asText() + (c.path("hasUnreadMessages").asBoolean() ? " [unread]" : "") + " "
                + c.path("lastMessageAt").asText() + ": " + c.path("lastMessagePreview").asText();
    }
}
