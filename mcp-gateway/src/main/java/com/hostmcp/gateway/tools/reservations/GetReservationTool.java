package com.hostmcp.gateway.tools.reservations;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** get_reservation: GET /v1/reservations/{id}, the base view plus the field groups asked for. */
@ApplicationScoped
public class GetReservationTool implements GatewayTool {

    @Override
    public String name() {
        return "get_reservation";
    }

    @Override
    public String description() {
        return """
                Get one reservation of the connected Hostaway account by its Hostaway id (the `id` that \
                search_reservations returns). Use it for the details of a known reservation. Do NOT use it to find \
                reservations (use search_reservations) or only for the guest's contact details (use get_guest).
                Always returned: id, listingMapId (listing id), listingName (null when Hostaway does not send it), \
                status, channelId, channelName, reservationId (the channel's own id), confirmationCode, \
                reservationDate, arrivalDate, departureDate, nights, checkInTime, checkOutTime (hours), \
                numberOfGuests, adults, children, infants, pets, guestName, totalPrice, currency, isPaid, \
                cancellationDate, cancelledBy, guestNote, hostNote.
                Add groups with `fields`: money (taxes, fees, commissions, remaining balance, finance fields), \
                guestContact (guest e-mail, phone, country, city, locale), policy (cancellation policy), access \
                (door code), agreement (rental agreement, insurance), history (source, assignee, previous dates, \
                inserted/updated times, starred/archived/pinned), or ["all"] for the whole Hostaway object.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Get reservation", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long reservationId = Arguments.requiredLong(arguments, "reservationId");
        List<String> groups = Arguments.textList(arguments, "fields");
        List<String> extra = groups.contains(ListResponse.ALL_FIELDS) ? List.of(ListResponse.ALL_FIELDS)
                : ReservationFields.groupFields(groups);
        return context.hostaway().getReservation(reservationId).map(reservation -> {
            ObjectNode result = ListResponse.NODES.objectNode();
            result.set("reservation", ReservationFields.select(reservation, ReservationFields.DETAIL_BASE, extra));
            groups.forEach(result.putArray("fieldGroups")::add);
            return new ToolResult(result, text(reservation));
        });
    }

    private static String text(ObjectNode r) {
        return "Reservation #" + r.path("id").asText() + " (" + r.path("status").asText() + ", "
                + r.path("channelName").asText() + ") at listing " + r.path("listingMapId").asText() + ": "
                + r.path("arrivalDate").asText() + " → " + r.path("departureDate").asText() + ", "
                + r.path("nights").asText() + " nights, " + r.path("numberOfGuests").asText() + " guests ("
                + r.path("guestName").asText() + "), total " + r.path("totalPrice").asText() + " "
                + r.path("currency").asText() + ". Full details in the structured result.";
    }
}
