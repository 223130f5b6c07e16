package com.hostmcp.standin.hostaway;

import java.time.LocalDateTime;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds conversation and message objects in the shapes of the conversation / conversationMessage examples. */
final class Conversations {

    private Conversations() {
    }

    static ObjectNode newConversation(AccountState state, long id, ObjectNode reservation, ObjectNode listing) {
        ObjectNode c = Json.CONVERSATION.deepCopy();
        String channelRef = Json.text(reservation, "reservationId");
        c.put("accountId", state.accountId);
        c.put("listingMapId", Json.lng(reservation, "listingMapId"));
        c.put("reservationId", Json.lng(reservation, "id"));
        c.put("type", "host-guest-email");
        c.put("recipientEmail", Json.text(reservation, "guestEmail"));
        c.put("recipientName", Json.text(reservation, "guestName"));
        c.putNull("recipientPicture");
        c.put("hostEmail", "c-" + SeedGenerator.md5("host" + channelRef) + "@host.standin.invalid");
        c.put("guestEmail", "c-" + SeedGenerator.md5("guest" + channelRef) + "@guest.standin.invalid");
        c.put("hasUnreadMessages", 0);
        c.putNull("messageSentOn");
        c.putNull("messageReceivedOn");
        c.set("conversationMessages", Json.array());
        c.set("Reservation", Json.object());
        c.put("id", id);
        return c;
    }

    static ObjectNode newMessage(AccountState state, ObjectNode conversation, String body, String communicationType,
            boolean incoming, String status, LocalDateTime at) {
        long id = state.nextMessageId();
        ObjectNode listing = state.listings.get(Json.lng(conversation, "listingMapId"));
        ObjectNode m = Json.CONVERSATION_MESSAGE.deepCopy();
        m.put("accountId", state.accountId);
        m.put("listingMapId", Json.lng(conversation, "listingMapId"));
        m.put("reservationId", Json.lng(conversation, "reservationId"));
        m.put("conversationId", Json.lng(conversation, "id"));
        m.putNull("communicationId");
        m.putNull("airbnbThreadMessageId");
        m.put("body", body);
        m.put("communicationType", communicationType);
        m.put("status", status);
        m.put("isIncoming", incoming ? 1 : 0);
        m.put("isSeen", incoming ? 0 : 1);
        m.put("sentUsingHostaway", incoming ? 0 : 1);
        m.put("hash", SeedGenerator.md5(id + ":" + body));
        m.put("listingTimeZoneName", listing == null ? "UTC" : Json.text(listing, "timeZoneName"));
        m.put("date", Json.dateTime(at));
        m.put("sentChannelDate", "sent".equals(status) ? Json.dateTime(at.plusSeconds(3)) : null);
        m.set("attachments", Json.array());
        m.put("insertedOn", Json.dateTime(at));
        m.put("updatedOn", Json.dateTime(at));
        m.put("id", id);
        return m;
    }

    /** Records a sent message as the conversation's latest. */
    static void touch(ObjectNode conversation, ObjectNode message) {
        String at = Json.text(message, "date");
        boolean incoming = message.path("isIncoming").asInt() == 1;
        if (incoming) {
            conversation.put("messageReceivedOn", at);
            conversation.put("hasUnreadMessages", 1);
        } else {
            conversation.put("messageSentOn", at);
            conversation.put("hasUnreadMessages", 0);
        }
        conversation.set("conversationMessages", Json.array().add(embeddedMessage(message)));
    }

    /** Marks the messages of a conversation as seen (a host reply means the guest's messages were read). */
    static void markSeen(Iterable<ObjectNode> messages) {
        messages.forEach(m -> m.put("isSeen", 1));
    }

    /** The message shape embedded in a conversation (keys as in the conversation example). */
    static ObjectNode embeddedMessage(ObjectNode message) {
        JsonNode shape = Json.CONVERSATION.get("conversationMessages").get(0);
        ObjectNode out = Json.object();
        Iterator<String> names = shape.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = "channelThreadMessageId".equals(name) ? message.get("airbnbThreadMessageId")
                    : message.get(name);
            out.set(name, value == null ? Json.NODES.nullNode() : value.deepCopy());
        }
        return out;
    }

    /** The reservation shape embedded in a conversation (keys as in the conversation example). */
    static ObjectNode embeddedReservation(ObjectNode reservation, ObjectNode listing) {
        JsonNode shape = Json.CONVERSATION.get("Reservation");
        ObjectNode out = Json.object();
        Iterator<String> names = shape.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value;
            if ("listingName".equals(name)) {
                value = listing == null ? Json.NODES.textNode("") : listing.get("name");
            } else if ("hostawayReservationId".equals(name)) {
                // the docs' example has this as a string inside Conversation.Reservation (FACTS §11.10)
                value = Json.NODES.textNode(String.valueOf(Json.lng(reservation, "id")));
            } else {
                value = reservation.get(name);
            }
            out.set(name, value == null ? Json.NODES.nullNode() : value.deepCopy());
        }
        return out;
    }

    /** A copy of the conversation for output, with a fresh embedded reservation. */
    static ObjectNode render(AccountState state, ObjectNode conversation) {
        ObjectNode out = conversation.deepCopy();
        ObjectNode reservation = state.reservations.get(Json.lng(conversation, "reservationId"));
        if (reservation != null) {
            out.set("Reservation",
                    embeddedReservation(reservation, state.listings.get(Json.lng(conversation, "listingMapId"))));
        } else {
            out.putNull("Reservation");
        }
        return out;
    }
}
