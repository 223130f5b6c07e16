package com.hostmcp.gateway.tools.reservations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which Hostaway reservation fields the reservation tools show (FACTS §7.2). The input schemas' {@code fields} enums
 * list the same names.
 */
final class ReservationFields {

    /** The Hostaway reservation statuses (FACTS §7.3), as the {@code status} filter accepts them. */
    static final Set<String> STATUSES = Set.of("new", "modified", "cancelled", "ownerStay", "pending",
            "awaitingPayment", "declined", "expired", "unconfirmed", "awaitingGuestVerification", "inquiry",
            "inquiryPreapproved", "inquiryDenied", "inquiryTimedout", "inquiryNotPossible", "unknown");

    /** search_reservations: the fields of every item unless {@code fields} widens them. */
    static final List<String> SEARCH_SUMMARY = List.of("id", "listingMapId", "listingName", "status", "channelName",
            "arrivalDate", "departureDate", "nights", "numberOfGuests", "totalPrice", "currency", "guestName");

    /** get_reservation: the fields always shown. */
    static final List<String> DETAIL_BASE = List.of("id", "listingMapId", "listingName", "status", "channelId",
            "channelName", "reservationId", "confirmationCode", "reservationDate", "arrivalDate", "departureDate",
            "nights", "checkInTime", "checkOutTime", "numberOfGuests", "adults", "children", "infants", "pets",
            "guestName", "totalPrice", "currency", "isPaid", "cancellationDate", "cancelledBy", "guestNote",
            "hostNote");

    /** get_reservation: the groups {@code fields} may add (ordered as documented). */
    static final Map<String, List<String>> DETAIL_GROUPS = detailGroups();

    private ReservationFields() {
    }

    private static Map<String, List<String>> detailGroups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("money", List.of("taxAmount", "cleaningFee", "channelCommissionAmount", "hostawayCommissionAmount",
                "securityDepositFee", "remainingBalance", "paymentMethod", "financeField",
                "airbnbExpectedPayoutAmount", "airbnbTotalPaidAmount", "airbnbListingHostFee"));
        groups.put("guestContact", List.of("guestFirstName", "guestLastName", "guestEmail", "phone", "guestCountry",
                "guestCity", "guestLocale"));
        groups.put("policy", List.of("cancellationPolicyId", "cancellationPolicy", "cancellationPolicyDetails",
                "airbnbCancellationPolicy", "bookingCancellationPolicy", "vrboCancellationPolicy",
                "marriottCancellationPolicy"));
        groups.put("access", List.of("doorCode", "doorCodeVendor", "doorCodeInstruction"));
        groups.put("agreement", List.of("reservationAgreement", "rentalAgreementFileUrl", "insuranceStatus",
                "claimStatus", "insurancePolicyId"));
        groups.put("history", List.of("source", "assigneeUserId", "isInstantBooked", "pendingExpireDate",
                "previousArrivalDate", "previousDepartureDate", "insertedOn", "updatedOn", "latestActivityOn",
                "isStarred", "isArchived", "isPinned"));
        return groups;
    }

    /**
     * {@code reservation} reduced to {@code base} plus {@code extra}; the whole object when {@code extra} holds
     * {@code all}. {@code listingName} is not in Hostaway's documented reservation object, so it is null when
     * Hostaway leaves it out.
     */
    static ObjectNode select(JsonNode reservation, List<String> base, List<String> extra) {
        if (extra.contains(ListResponse.ALL_FIELDS)) {
            ObjectNode whole = reservation.deepCopy();
            if (!whole.has("listingName")) {
                whole.putNull("listingName");
            }
            return whole;
        }
        List<String> names = new ArrayList<>(base);
        extra.stream().filter(name -> !names.contains(name)).forEach(names::add);
        return ListResponse.pick(reservation, names);
    }

    /** The fields of the requested get_reservation groups. */
    static List<String> groupFields(List<String> groups) {
        List<String> fields = new ArrayList<>();
        groups.stream().map(DETAIL_GROUPS::get).filter(java.util.Objects::nonNull).forEach(fields::addAll);
        return fields;
    }
}
