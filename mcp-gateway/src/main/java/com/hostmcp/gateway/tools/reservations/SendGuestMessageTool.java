package com.hostmcp.gateway.tools.reservations;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayException;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * send_guest_message: POST /v1/conversations/{id}/messages. Not idempotent: a timeout or upstream failure may come
 * after Hostaway sent the message, so those errors tell the model to check the thread instead of resending.
 */
@ApplicationScoped
public class SendGuestMessageTool implements GatewayTool {

    /** Hostaway's own default (FACTS §8): e-mail works for every channel, OTA bookings get it through a relay. */
    static final String DEFAULT_COMMUNICATION_TYPE = "email";

    private static final String CHECK_BEFORE_RESENDING = "The message may or may not have been sent. Check the"
            + " conversation with get_conversation_messages before sending again; never resend blindly.";

    @Override
    public String name() {
        return "send_guest_message";
    }

    @Override
    public String description() {
        return """
                Send a message to the guest in one conversation (conversationId from list_conversations) through \
                Hostaway. Use it only when the user asked to send this message (show the text first if in doubt). \
                Not idempotent: every successful call sends one more message, so do NOT retry after a success or \
                after a timeout/upstream error: first check with get_conversation_messages whether it was sent. \
                Do NOT use it to read messages (use get_conversation_messages).
                body: the message text, 1-4000 characters, not blank; attachments cannot be sent. communicationType: \
                email (default, Hostaway's default; for channel bookings it reaches the guest through the channel's \
                relay address), channel (the booking channel's own messaging, e.g. Airbnb or Booking.com), sms or \
                whatsapp (need the guest's phone and the account's setup for them). Conversations of archived \
                listings refuse new messages. Returns the stored message: id, status, date, communicationType, \
                bodyChars (the body is not echoed).""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Send message to guest", false, false, false, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long conversationId = Arguments.requiredLong(arguments, "conversationId");
        String body = arguments.path("body").asText();
        if (body.isBlank()) {
            throw ToolFailure.validation("body is blank.", "Pass the message text in body (1-4000 characters).");
        }
        String communicationType = Arguments.textOr(arguments, "communicationType", DEFAULT_COMMUNICATION_TYPE);
        return context.hostaway().sendMessage(conversationId, body, communicationType)
                .onFailure().transform(failure -> explain(failure, conversationId))
                .map(message -> {
                    ObjectNode result = ListResponse.NODES.objectNode();
                    result.put("sent", true);
                    result.set("message", stored(message, body));
                    return new ToolResult(result, "Sent message #" + message.path("id").asText() + " ("
                            + message.path("communicationType").asText() + ", status "
                            + message.path("status").asText() + ") in conversation #" + conversationId
                            + ". Do not send it again.");
                });
    }

    static ObjectNode stored(JsonNode message, String body) {
        ObjectNode out = ListResponse.pick(message,
                java.util.List.of("id", "conversationId", "reservationId", "listingMapId", "status", "date",
                        "communicationType"));
        out.put("bodyChars", body.length());
        return out;
    }

    private static Throwable explain(Throwable failure, long conversationId) {
        if (failure instanceof HostawayException.Rejected rejected) {
            return ToolFailure.validation("Hostaway refused the message for conversation #" + conversationId + ": "
                    + rejected.getMessage(),
                    "Nothing was sent. Conversations of archived listings cannot get new messages (check the listing"
                            + " with get_listing: specialStatus 'archived'). Otherwise check body and"
                            + " communicationType (sms and whatsapp need the guest's phone and the account's setup;"
                            + " try email or channel).");
        }
        if (failure instanceof HostawayException.Timeout) {
            return new ToolFailure(ErrorType.TIMEOUT,
                    "Hostaway did not confirm the message for conversation #" + conversationId + " in time.",
                    CHECK_BEFORE_RESENDING);
        }
        if (failure instanceof HostawayException.Unavailable unavailable) {
            return new ToolFailure(ErrorType.UPSTREAM,
                    "Hostaway failed while sending the message for conversation #" + conversationId + ".",
                    CHECK_BEFORE_RESENDING, unavailable.retryAfterSeconds());
        }
        return failure;
    }
}
