package com.hostmcp.standin.hostaway;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The in-memory data of one account. Objects are stored as Jackson trees shaped exactly like Hostaway's examples. Not
 * thread-safe by itself: callers synchronize on the instance.
 */
final class AccountState {

    /** Reservation statuses that occupy calendar nights ("reserved"). */
    static final Set<String> RESERVING_STATUSES = Set.of("new", "modified", "ownerStay", "awaitingPayment",
            "awaitingGuestVerification");
    /** Reservation statuses that mark calendar nights "pending". */
    static final Set<String> PENDING_STATUSES = Set.of("pending", "unconfirmed");

    /** Calendar fields a PUT may set. */
    static final List<String> CALENDAR_FIELDS = List.of("isAvailable", "isProcessed", "price", "minimumStay",
            "maximumStay", "closedOnArrival", "closedOnDeparture", "note", "desiredUnitsToSell");

    final long accountId;
    final HostawayAccount definition;
    volatile String secret;

    final TreeMap<Long, ObjectNode> listings = new TreeMap<>();
    final TreeMap<Long, ObjectNode> reservations = new TreeMap<>();
    final TreeMap<Long, ObjectNode> conversations = new TreeMap<>();
    /** Messages of each conversation, oldest first. */
    final Map<Long, List<ObjectNode>> messages = new HashMap<>();
    /** Calendar values set through PUT calendar / calendarIntervals (and seeded blocks), per listing and date. */
    final Map<Long, TreeMap<LocalDate, ObjectNode>> calendarOverrides = new HashMap<>();

    private boolean seeded;

    long listingSeq;
    long reservationSeq;
    long conversationSeq;
    long messageSeq;

    AccountState(HostawayAccount definition) {
        this.accountId = definition.accountId();
        this.definition = definition;
        this.secret = definition.secret();
    }

    /** Generates the seed data on first use, so that unused accounts cost nothing at start and reset. */
    synchronized AccountState ensureSeeded() {
        if (!seeded) {
            seeded = true;
            SeedGenerator.seed(this);
        }
        return this;
    }

    long nextListingId() {
        if (listingSeq + 1 >= HostawayAccount.LISTING_ID_FACTOR) {
            throw ApiException.badRequest("Listing limit of this account reached");
        }
        return accountId * HostawayAccount.LISTING_ID_FACTOR + ++listingSeq;
    }

    long nextReservationId() {
        return accountId * HostawayAccount.OBJECT_ID_FACTOR + ++reservationSeq;
    }

    long nextConversationId() {
        return accountId * HostawayAccount.OBJECT_ID_FACTOR + ++conversationSeq;
    }

    long nextMessageId() {
        return accountId * HostawayAccount.OBJECT_ID_FACTOR + ++messageSeq;
    }

    ObjectNode listing(long id) {
        ObjectNode listing = listings.get(id);
        if (listing == null) {
            throw ApiException.notFound("Listing not found");
        }
        return listing;
    }

    ObjectNode reservation(long id) {
        ObjectNode reservation = reservations.get(id);
        if (reservation == null) {
            throw ApiException.notFound("Reservation not found");
        }
        return reservation;
    }

    ObjectNode conversation(long id) {
        ObjectNode conversation = conversations.get(id);
        if (conversation == null) {
            throw ApiException.notFound("Conversation not found");
        }
        return conversation;
    }

    static boolean isArchived(ObjectNode listing) {
        return "archived".equals(Json.text(listing, "specialStatus"));
    }

    /** Hostaway (2025-11-15): creating or updating things linked to an archived listing is an error. */
    void requireNotArchived(long listingId) {
        ObjectNode listing = listings.get(listingId);
        if (listing != null && isArchived(listing)) {
            throw ApiException.badRequest("Listing " + listingId + " is archived");
        }
    }

    Map<Long, List<ObjectNode>> reservationsByListing() {
        Map<Long, List<ObjectNode>> byListing = new HashMap<>();
        for (ObjectNode r : reservations.values()) {
            byListing.computeIfAbsent(Json.lng(r, "listingMapId"), k -> new ArrayList<>()).add(r);
        }
        return byListing;
    }

    /** The listing's price on a date before calendar overrides: +15 % on Friday/Saturday, +30 % over the holidays. */
    static double basePrice(ObjectNode listing, LocalDate date) {
        double price = Json.dbl(listing, "price");
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == DayOfWeek.FRIDAY || dow == DayOfWeek.SATURDAY) {
            price *= 1.15;
        }
        MonthDay md = MonthDay.from(date);
        if (!md.isBefore(MonthDay.of(12, 20)) || md.isBefore(MonthDay.of(1, 3))) {
            price *= 1.3;
        }
        return Json.round2(price);
    }

    /** The nightly price of a date including calendar overrides. */
    double nightlyPrice(ObjectNode listing, LocalDate date) {
        TreeMap<LocalDate, ObjectNode> overrides = calendarOverrides.get(Json.lng(listing, "id"));
        ObjectNode o = overrides == null ? null : overrides.get(date);
        if (o != null && o.hasNonNull("price")) {
            return o.get("price").asDouble();
        }
        return basePrice(listing, date);
    }

    /**
     * Calendar days of a listing from {@code start} to {@code end} inclusive.
     *
     * @param listingReservations the listing's reservations (any status)
     */
    ArrayNode calendar(ObjectNode listing, LocalDate start, LocalDate end, List<ObjectNode> listingReservations,
            boolean includeResources) {
        long listingId = Json.lng(listing, "id");
        TreeMap<LocalDate, ObjectNode> overrides = calendarOverrides.getOrDefault(listingId, new TreeMap<>());
        ArrayNode days = Json.array();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            days.add(calendarDay(listing, date, overrides.get(date), listingReservations, includeResources));
        }
        return days;
    }

    private ObjectNode calendarDay(ObjectNode listing, LocalDate date, ObjectNode override,
            List<ObjectNode> listingReservations, boolean includeResources) {
        long listingId = Json.lng(listing, "id");
        ObjectNode day = Json.CALENDAR_DAY.deepCopy();
        day.put("id", (listingId % 100_000) * 20_000 + date.toEpochDay() % 20_000);
        day.put("date", date.toString());
        day.put("isAvailable", 1);
        day.put("isProcessed", 1);
        day.put("price", 0);
        day.set("price", Json.num(basePrice(listing, date)));
        day.put("minimumStay", Math.max(1, Json.lng(listing, "minNights")));
        day.put("maximumStay", listing.hasNonNull("maxNights") ? Json.lng(listing, "maxNights") : 1125);
        day.putNull("closedOnArrival");
        day.putNull("closedOnDeparture");
        day.putNull("note");
        for (String f : List.of("countAvailableUnits", "availableUnitsToSell", "countPendingUnits",
                "countBlockingReservations", "countBlockedUnits", "desiredUnitsToSell")) {
            day.putNull(f);
        }
        if (override != null) {
            override.fields().forEachRemaining(e -> day.set(e.getKey(), e.getValue().deepCopy()));
        }
        boolean blockedByHost = day.path("isAvailable").asInt(1) == 0
                || (day.hasNonNull("desiredUnitsToSell") && day.get("desiredUnitsToSell").asInt() == 0);
        String status = blockedByHost ? "blocked" : "available";
        ArrayNode dayReservations = Json.array();
        String dateText = date.toString();
        for (ObjectNode r : listingReservations) {
            String arrival = Json.text(r, "arrivalDate");
            String departure = Json.text(r, "departureDate");
            if (arrival == null || departure == null || dateText.compareTo(arrival) < 0
                    || dateText.compareTo(departure) >= 0) {
                continue;
            }
            String rs = Json.text(r, "status");
            if (RESERVING_STATUSES.contains(rs)) {
                status = "reserved";
            } else if (PENDING_STATUSES.contains(rs) && !"reserved".equals(status)) {
                status = "pending";
            } else {
                continue;
            }
            dayReservations.add(calendarReservation(r));
        }
        if (!"available".equals(status)) {
            day.put("isAvailable", 0);
        }
        day.put("status", status);
        day.set("reservations", includeResources ? dayReservations : Json.array());
        return day;
    }

    /** The shortened reservation shape used inside calendar days (keys as in the calendarDay example). */
    static ObjectNode calendarReservation(ObjectNode reservation) {
        JsonNode shape = Json.CALENDAR_DAY.get("reservations").get(0);
        ObjectNode out = Json.object();
        Iterator<String> names = shape.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = reservation.get(name);
            out.set(name, value == null ? Json.NODES.nullNode() : value.deepCopy());
        }
        return out;
    }

    /** Stores calendar values for each date from start to end inclusive; returns nothing. */
    void applyCalendar(long listingId, LocalDate start, LocalDate end, ObjectNode values) {
        TreeMap<LocalDate, ObjectNode> overrides = calendarOverrides.computeIfAbsent(listingId, k -> new TreeMap<>());
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            ObjectNode o = overrides.computeIfAbsent(date, k -> Json.object());
            values.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue().deepCopy()));
        }
    }
}
