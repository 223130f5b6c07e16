package com.hostmcp.gateway.tools.reservations;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * get_guest: Hostaway has no guest endpoint (FACTS §7.1); the guest is the flat guest fields of the reservation. The
 * values are returned to the caller only, never logged.
 */
@ApplicationScoped
public class GetGuestTool implements GatewayTool {

    @Override
    public String name() {
        return "get_guest";
    }

    @Override
    public String description() {
        return """
                Get the guest of one reservation: name, first and last name, e-mail, phone, country, city, \
                language, and the party size (numberOfGuests, adults, children, infants, pets). This is personal \
                data of the host's guest: use it only for the host's own communication with that guest about the \
                stay, do not repeat it beyond what the user asked for, and do not store it elsewhere. For channel \
                bookings the e-mail may be a relay address of the channel (e.g. Airbnb). To write to the guest, \
                prefer send_guest_message (find the conversation with list_conversations). Do NOT use it to find \
                reservations (use search_reservations with guestName or guestEmail) or for the stay details (use \
                get_reservation). Hostaway has no guest records of its own: the data comes from the reservation.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Get guest of a reservation", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long reservationId = Arguments.requiredLong(arguments, "reservationId");
        return context.hostaway().getReservation(reservationId).map(reservation -> {
            ObjectNode guest = guest(reservation);
            return new ToolResult(guest, text(guest));
        });
    }

    static ObjectNode guest(JsonNode reservation) {
        ObjectNode guest = ListResponse.NODES.objectNode();
        guest.set("reservationId", reservation.path("id").deepCopy());
        guest.set("listingMapId", reservation.path("listingMapId").deepCopy());
        copy(reservation, "guestName", guest, "name");
        copy(reservation, "guestFirstName", guest, "firstName");
        copy(reservation, "guestLastName", guest, "lastName");
        copy(reservation, "guestEmail", guest, "email");
        copy(reservation, "phone", guest, "phone");
        copy(reservation, "guestCountry", guest, "country");
        copy(reservation, "guestCity", guest, "city");
        copy(reservation, "guestLocale", guest, "language");
        for (String count : new String[] { "numberOfGuests", "adults", "children", "infants", "pets" }) {
            copy(reservation, count, guest, count);
        }
        return guest;
    }

    private static void copy(JsonNode source, String from, ObjectNode target, String to) {
        JsonNode value = source.get(from);
        boolean blank = value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
        target.set(to, blank ? ListResponse.NODES.nullNode() : value.deepCopy());
    }

    private static String text(ObjectNode g) {
        return "Guest of reservation #" + g.path("reservationId").asText() + ": " + g.path("name").asText()
                + ", e-mail " + g.path("email").asText() + ", phone " + g.path("phone").asText() + ", country "
                + g.path("country").asText() + ", language " + g.path("language").asText() + ", "
                + g.path("numberOfGuests").asText() + " guests. Personal data: use only for this guest's stay.";
    }
}
