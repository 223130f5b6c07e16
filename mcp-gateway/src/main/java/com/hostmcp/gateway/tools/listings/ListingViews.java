package com.hostmcp.gateway.tools.listings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the listing tools show of a Hostaway listing: the summary every list item gets, the field groups of
 * {@code get_listing}, the {@code fields} argument, and the one-line text rendering. Hostaway's {@code specialStatus}
 * ({@code "archived"} or null) is shown as the boolean {@code archived}.
 */
final class ListingViews {

    static final String ALL = "all";
    static final String ARCHIVED = "archived";

    /** The summary of a listing: what a list item carries by default. */
    static final List<String> SUMMARY_FIELDS = List.of("id", "name", "city", "countryCode", "personCapacity",
            "bedroomsNumber", "price", "currencyCode", ARCHIVED);

    /** Named groups of Hostaway listing fields, in display order. */
    static final Map<String, List<String>> GROUPS = groups();

    /** The groups {@code get_listing} shows when {@code fields} is not given. */
    static final List<String> DEFAULT_GROUPS = List.of("location", "layout", "pricing", "stayRules", "status");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ListingViews() {
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("location", List.of("country", "countryCode", "state", "city", "street", "address",
                "publicAddress", "zipcode", "lat", "lng", "timeZoneName"));
        groups.put("layout", List.of("propertyTypeId", "roomType", "bathroomType", "bedType", "personCapacity",
                "guestsIncluded", "maxChildrenAllowed", "maxInfantsAllowed", "maxPetsAllowed", "bedroomsNumber",
                "bedsNumber", "bathroomsNumber", "guestBathroomsNumber", "squareMeters"));
        groups.put("pricing", List.of("price", "currencyCode", "cleaningFee", "priceForExtraPerson", "weeklyDiscount",
                "monthlyDiscount", "refundableDamageDeposit"));
        groups.put("stayRules", List.of("minNights", "maxNights", "checkInTimeStart", "checkInTimeEnd",
                "checkOutTime", "instantBookable", "instantBookableLeadTime", "allowSameDayBooking",
                "sameDayBookingLeadTime", "cancellationPolicy"));
        groups.put("status", List.of(ARCHIVED, "cleannessStatus", "cleaningInstruction", "cleannessStatusUpdatedOn",
                "latestActivityOn", "starRating", "averageReviewRating"));
        groups.put("descriptions", List.of("externalListingName", "internalListingName", "description",
                "houseRules", "specialInstruction"));
        groups.put("access", List.of("keyPickup", "doorSecurityCode", "wifiUsername", "wifiPassword"));
        groups.put("taxes", List.of("propertyRentTax", "guestPerPersonPerNightTax", "guestStayTax",
                "guestNightlyTax"));
        groups.put("markups", List.of("partnersListingMarkup", "airbnbOfficialListingMarkup", "bookingEngineMarkup",
                "homeawayApiMarkup", "marriottListingMarkup"));
        groups.put("policies", List.of("cancellationPolicyId", "airbnbCancellationPolicyId",
                "bookingCancellationPolicyId", "marriottCancellationPolicyId", "vrboCancellationPolicyId"));
        groups.put("contact", List.of("contactName", "contactSurName", "contactPhone1", "contactPhone2",
                "contactLanguage", "contactEmail", "contactAddress", "language"));
        groups.put("invoicing", List.of("invoicingContactName", "invoicingContactSurName", "invoicingContactPhone1",
                "invoicingContactPhone2", "invoicingContactLanguage", "invoicingContactEmail",
                "invoicingContactAddress", "invoicingContactCity", "invoicingContactZipcode",
                "invoicingContactCountry"));
        groups.put("licensing", List.of("propertyLicenseNumber", "propertyLicenseType", "propertyLicenseIssueDate",
                "propertyLicenseExpirationDate", "isRentalAgreementActive", "listingAgreementText"));
        groups.put("channels", List.of("airbnbListingUrl", "vrboListingUrl", "googleVrListingUrl", "airbnbName",
                "airbnbSummary", "airbnbSpace", "airbnbAccess", "airbnbInteraction", "airbnbNeighborhoodOverview",
                "airbnbTransit", "airbnbNotes", "homeawayPropertyName", "homeawayPropertyHeadline",
                "homeawayPropertyDescription", "bookingcomPropertyName", "bookingcomPropertyDescription",
                "bookingcomPropertyRegisteredInVcs", "bookingcomPropertyHasVat", "bookingcomPropertyDeclaresRevenue"));
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** Every field name a {@code fields} argument of {@code list_listings} may name (beyond the summary). */
    static Set<String> selectableFields() {
        Set<String> names = new LinkedHashSet<>();
        GROUPS.values().forEach(names::addAll);
        SUMMARY_FIELDS.forEach(names::remove);
        return names;
    }

    /** The field names of a list item: the summary plus {@code extra} (from {@code fields}), or null for "all". */
    static List<String> listFields(List<String> extra) {
        if (extra.contains(ALL)) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>(SUMMARY_FIELDS);
        names.addAll(extra);
        return List.copyOf(names);
    }

    /** The field names of the groups named (the summary first), or null when "all" is among them. */
    static List<String> groupFields(List<String> groupNames) {
        if (groupNames.contains(ALL)) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>(SUMMARY_FIELDS);
        for (String group : groupNames) {
            names.addAll(GROUPS.get(group));
        }
        return List.copyOf(names);
    }

    /**
     * The listing as shown: {@code fieldNames} in that order (absent ones as null), or, when {@code fieldNames} is
     * null, every field Hostaway sent with {@code archived} after {@code id}.
     */
    static ObjectNode view(JsonNode listing, List<String> fieldNames) {
        ObjectNode out = NODES.objectNode();
        if (fieldNames == null) {
            out.set("id", listing.path("id").deepCopy());
            out.put(ARCHIVED, isArchived(listing));
            Iterator<Map.Entry<String, JsonNode>> fields = listing.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("id")) {
                    out.set(field.getKey(), field.getValue().deepCopy());
                }
            }
            return out;
        }
        for (String name : fieldNames) {
            if (name.equals(ARCHIVED)) {
                out.put(ARCHIVED, isArchived(listing));
            } else {
                JsonNode value = listing.get(name);
                out.set(name, value == null ? NODES.nullNode() : value.deepCopy());
            }
        }
        return out;
    }

    static ObjectNode summary(JsonNode listing) {
        return view(listing, SUMMARY_FIELDS);
    }

    static boolean isArchived(JsonNode listing) {
        return "archived".equalsIgnoreCase(listing.path("specialStatus").asText(""));
    }

    /** One compact text line for a listing: id, name, place, capacity, price and the archived mark. */
    static String line(JsonNode listing) {
        var line = new StringBuilder();
        line.append('#').append(listing.path("id").asText()).append(' ').append(listing.path("name").asText(""));
        String city = listing.path("city").asText("");
        String country = listing.path("countryCode").asText("");
        if (!city.isEmpty() || !country.isEmpty()) {
            line.append(" — ").append(city).append(city.isEmpty() || country.isEmpty() ? "" : ", ").append(country);
        }
        if (listing.hasNonNull("personCapacity")) {
            line.append(" · ").append(listing.get("personCapacity").asInt()).append(" guests");
        }
        if (listing.hasNonNull("bedroomsNumber")) {
            line.append(" · ").append(listing.get("bedroomsNumber").asInt()).append(" bd");
        }
        if (listing.hasNonNull("price")) {
            line.append(" · ").append(money(listing.get("price").asDouble())).append(' ')
                    .append(listing.path("currencyCode").asText(""));
        }
        if (isArchived(listing) || listing.path(ARCHIVED).asBoolean(false)) {
            line.append(" · ARCHIVED");
        }
        return line.toString();
    }

    static String money(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    /** The names in {@code values} (a JSON array of strings), or an empty list for a missing argument. */
    static List<String> strings(JsonNode values) {
        List<String> out = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
