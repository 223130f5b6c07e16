package com.hostmcp.standin.hostaway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the deterministic data of an account from the example objects: listings, reservations around 2026,
 * conversations with messages, and a few host-blocked calendar days.
 */
final class SeedGenerator {

    record City(String name, String state, String country, String countryCode, String zip, double lat, double lng,
            String timeZone, String currency, String language, double basePrice, double taxRate, String code,
            List<String> streets) {
    }

    record Channel(int id, String name, String source) {
    }

    static final List<City> CITIES = List.of(
            new City("Berlin", "Berlin", "Germany", "DE", "10115", 52.52, 13.405, "Europe/Berlin", "EUR", "de", 120,
                    0.07, "BER", List.of("Torstraße", "Invalidenstraße", "Kastanienallee", "Oranienstraße")),
            new City("Hamburg", "Hamburg", "Germany", "DE", "20095", 53.5511, 9.9937, "Europe/Berlin", "EUR", "de",
                    110, 0.07, "HAM", List.of("Schulterblatt", "Lange Reihe", "Elbchaussee", "Grindelallee")),
            new City("Munich", "Bavaria", "Germany", "DE", "80331", 48.1351, 11.582, "Europe/Berlin", "EUR", "de", 140,
                    0.07, "MUC", List.of("Sendlinger Straße", "Leopoldstraße", "Gärtnerplatz", "Maximilianstraße")),
            new City("Lisbon", "Lisbon", "Portugal", "PT", "1100-148", 38.7223, -9.1393, "Europe/Lisbon", "EUR", "pt",
                    95, 0.06, "LIS", List.of("Rua Augusta", "Rua da Rosa", "Rua de São Bento", "Calçada do Combro")),
            new City("Barcelona", "Catalonia", "Spain", "ES", "08002", 41.3874, 2.1686, "Europe/Madrid", "EUR", "es",
                    130, 0.10, "BCN", List.of("Carrer de Verdi", "Carrer del Rec", "Passeig de Gràcia", "Carrer Blai")),
            new City("Paris", "Île-de-France", "France", "FR", "75004", 48.8566, 2.3522, "Europe/Paris", "EUR", "fr",
                    160, 0.10, "PAR", List.of("Rue de Rivoli", "Rue Oberkampf", "Rue des Martyrs", "Rue Cler")),
            new City("Amsterdam", "North Holland", "Netherlands", "NL", "1012 JS", 52.3676, 4.9041,
                    "Europe/Amsterdam", "EUR", "nl", 150, 0.125, "AMS",
                    List.of("Prinsengracht", "Haarlemmerstraat", "Utrechtsestraat", "Albert Cuypstraat")),
            new City("Austin", "Texas", "United States", "US", "78701", 30.2672, -97.7431, "America/Chicago", "USD",
                    "en", 135, 0.15, "AUS", List.of("Cedar Street", "South Congress Ave", "East 6th Street", "Rainey St")),
            new City("Miami", "Florida", "United States", "US", "33130", 25.7617, -80.1918, "America/New_York", "USD",
                    "en", 170, 0.13, "MIA", List.of("Ocean Drive", "Collins Ave", "Brickell Ave", "NW 2nd Ave")),
            new City("New York", "New York", "United States", "US", "10001", 40.7128, -74.006, "America/New_York",
                    "USD", "en", 210, 0.147, "NYC", List.of("West 23rd Street", "Bleecker Street", "Bedford Ave")),
            new City("Denver", "Colorado", "United States", "US", "80202", 39.7392, -104.9903, "America/Denver", "USD",
                    "en", 115, 0.108, "DEN", List.of("Larimer Street", "Blake Street", "Tennyson Street")),
            new City("San Diego", "California", "United States", "US", "92101", 32.7157, -117.1611,
                    "America/Los_Angeles", "USD", "en", 180, 0.105, "SAN", List.of("India Street", "Prospect St")),
            new City("London", "England", "United Kingdom", "GB", "EC1A 1BB", 51.5072, -0.1276, "Europe/London", "GBP",
                    "en", 175, 0.0, "LON", List.of("Brick Lane", "Portobello Road", "Upper Street", "Borough High St")),
            new City("Toronto", "Ontario", "Canada", "CA", "M5H 2N2", 43.6532, -79.3832, "America/Toronto", "CAD", "en",
                    140, 0.13, "YYZ", List.of("Queen Street West", "King Street East", "Ossington Ave")),
            new City("Sydney", "New South Wales", "Australia", "AU", "2000", -33.8688, 151.2093, "Australia/Sydney",
                    "AUD", "en", 190, 0.0, "SYD", List.of("George Street", "Crown Street", "Campbell Parade")),
            new City("Cape Town", "Western Cape", "South Africa", "ZA", "8001", -33.9249, 18.4241,
                    "Africa/Johannesburg", "ZAR", "en", 1400, 0.15, "CPT", List.of("Bree Street", "Kloof Street")),
            new City("Rome", "Lazio", "Italy", "IT", "00186", 41.9028, 12.4964, "Europe/Rome", "EUR", "it", 125, 0.10,
                    "ROM", List.of("Via del Corso", "Via Margutta", "Via dei Coronari")),
            new City("Vienna", "Vienna", "Austria", "AT", "1010", 48.2082, 16.3738, "Europe/Vienna", "EUR", "de", 105,
                    0.10, "VIE", List.of("Kärntner Straße", "Mariahilfer Straße", "Praterstraße")),
            new City("Mexico City", "Ciudad de México", "Mexico", "MX", "06700", 19.4326, -99.1332,
                    "America/Mexico_City", "MXN", "es", 1900, 0.16, "MEX", List.of("Calle Orizaba", "Av. Amsterdam")));

    static final List<Channel> CHANNELS = List.of(new Channel(2000, "direct", "reservation"),
            new Channel(2018, "airbnbOfficial", "airbnbOfficial"), new Channel(2005, "bookingcom", "bookingcom"),
            new Channel(2002, "homeaway", "homeaway"), new Channel(2013, "bookingengine", "bookingengine"));

    private static final String[] ADJECTIVES = { "Sunny", "Cozy", "Modern", "Charming", "Spacious", "Bright", "Quiet",
            "Stylish", "Elegant", "Rustic", "Airy", "Central", "Lovely", "Designer", "Family" };
    private static final String[] TYPES = { "Apartment", "Loft", "Studio", "House", "Townhouse", "Penthouse",
            "Cottage", "Villa" };
    private static final String[] FEATURES = { "with Balcony", "near Old Town", "by the River", "with Garden",
            "with Rooftop Terrace", "close to the Station", "with Sea View", "in a Quiet Street", "with Workspace",
            "near the Park" };
    private static final String[] FIRST_NAMES = { "Andrew", "Maria", "James", "Sofia", "Lukas", "Emma", "Noah", "Mia",
            "Liam", "Olivia", "Mateo", "Hannah", "Lucas", "Chloe", "Ethan", "Léa", "Daniel", "Giulia", "Samuel", "Anna",
            "Oliver", "Julia", "Hugo", "Zoe", "Jonas", "Isabel", "Felix", "Nora", "Marco", "Yuki" };
    private static final String[] LAST_NAMES = { "Peterson", "Garcia", "Müller", "Rossi", "Smith", "Dubois", "Silva",
            "Novak", "Jensen", "Kowalski", "Brown", "Schmidt", "Martin", "Costa", "Fischer", "Moreau", "Tanaka", "Lopez",
            "Weber", "Johnson", "Nielsen", "Bauer", "Ferreira", "Wilson", "Becker", "Romano", "Hughes", "Kim", "Meyer",
            "Clarke" };
    private static final String[] GUEST_WORK = { "Software engineer", "Teacher", "Designer", "Consultant", "Nurse",
            "Architect", "Student", null };
    private static final String[] POLICIES = { "flexible", "moderate", "strict" };
    private static final String[] INCOMING = { "Hi! We are looking forward to our stay. What time can we check in?",
            "Is there parking close to the apartment?", "Could we get a late check-out on the last day?",
            "Thanks, we arrived safely. The place looks great!", "Is it possible to store our luggage after check-out?",
            "Do you have a crib we could use for our baby?" };
    private static final String[] OUTGOING = {
            "Hi %s, welcome! Check-in is from %d:00. The door code will be sent the day before arrival.",
            "Hi %s, there is a public garage two blocks away; guests get a discount with the code on the welcome card.",
            "Hi %s, late check-out until 13:00 is fine, enjoy your last morning!",
            "Hi %s, great to hear! Let us know if you need anything during your stay.",
            "Hi %s, yes, you can leave your bags in the hallway closet until 16:00." };

    private final AccountState state;
    private final Random random;

    private SeedGenerator(AccountState state) {
        this.state = state;
        this.random = new Random(state.accountId * 7_919L + 17);
    }

    /** Creates the account with its data generated on first use ({@link AccountState#ensureSeeded()}). */
    static AccountState generate(HostawayAccount account) {
        return new AccountState(account);
    }

    /** Fills an empty account state with the seed data. */
    static void seed(AccountState state) {
        new SeedGenerator(state).run();
    }

    private List<City> citiesFor(long accountId) {
        if (accountId == HostawaySeedAccounts.SMALL_ACCOUNT_ID) {
            return CITIES.subList(0, 3);
        }
        if (accountId == HostawaySeedAccounts.MEDIUM_ACCOUNT_ID) {
            return CITIES.subList(3, 9);
        }
        if (accountId == HostawaySeedAccounts.LARGE_ACCOUNT_ID) {
            return CITIES;
        }
        // accounts added by tests: a rotating slice of the city table
        int from = (int) (accountId % CITIES.size());
        List<City> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(CITIES.get((from + i) % CITIES.size()));
        }
        return out;
    }

    private void run() {
        HostawayAccount def = state.definition;
        List<City> cities = citiesFor(def.accountId());
        boolean large = def.listings() > 40;
        for (int n = 1; n <= def.listings(); n++) {
            boolean archived = n > def.activeListings();
            City city = cities.get((n - 1) % cities.size());
            ObjectNode listing = listing(n, city, archived);
            state.listings.put(listing.get("id").asLong(), listing);
            seedBlockedDays(listing);
        }
        state.listingSeq = def.listings();
        for (ObjectNode listing : state.listings.values()) {
            boolean archived = AccountState.isArchived(listing);
            int count = archived ? 1 + random.nextInt(2) : large ? 2 : 5 + random.nextInt(4);
            LocalDate cursor = archived ? LocalDate.of(2025, 3, 1).plusDays(random.nextInt(90))
                    : large ? LocalDate.of(2025, 12, 1).plusDays(random.nextInt(240))
                            : LocalDate.of(2025, 10, 1).plusDays(random.nextInt(30));
            for (int i = 0; i < count; i++) {
                cursor = cursor.plusDays(1 + random.nextInt(large ? 60 : 35));
                int nights = Math.max(Json.lng(listing, "minNights") > 0 ? (int) Json.lng(listing, "minNights") : 1,
                        1 + random.nextInt(7));
                ObjectNode reservation = reservation(listing, cursor, cursor.plusDays(nights), pickStatus(i));
                state.reservations.put(reservation.get("id").asLong(), reservation);
                cursor = cursor.plusDays(nights);
            }
        }
        for (ObjectNode reservation : state.reservations.values()) {
            String status = Json.text(reservation, "status");
            if ("ownerStay".equals(status) || (large && random.nextInt(2) == 0)) {
                continue;
            }
            conversation(reservation);
        }
    }

    private String pickStatus(int index) {
        if (index == 0) {
            return "new";
        }
        int p = random.nextInt(100);
        if (p < 52) {
            return "new";
        } else if (p < 64) {
            return "modified";
        } else if (p < 76) {
            return "cancelled";
        } else if (p < 80) {
            return "pending";
        } else if (p < 83) {
            return "awaitingPayment";
        } else if (p < 88) {
            return "inquiry";
        } else if (p < 92) {
            return "ownerStay";
        } else if (p < 94) {
            return "inquiryPreapproved";
        } else if (p < 96) {
            return "declined";
        } else if (p < 98) {
            return "expired";
        }
        return "unconfirmed";
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private double money(double min, double max) {
        return Json.round2(min + random.nextDouble() * (max - min));
    }

    private ObjectNode listing(int n, City city, boolean archived) {
        long accountId = state.accountId;
        long id = accountId * HostawayAccount.LISTING_ID_FACTOR + n;
        ObjectNode l = Json.LISTING.deepCopy();
        String type = pick(TYPES);
        String name = pick(ADJECTIVES) + " " + type + " " + pick(FEATURES) + " in " + city.name();
        int bedrooms = type.equals("Studio") ? 0 : 1 + random.nextInt(type.equals("Villa") ? 5 : 3);
        int capacity = Math.max(2, bedrooms * 2 + random.nextInt(2));
        String street = pick(city.streets()) + " " + (1 + random.nextInt(180));
        String ownerFirst = pick(FIRST_NAMES);
        String ownerLast = pick(LAST_NAMES);
        String policy = pick(POLICIES);
        l.put("id", id);
        l.put("propertyTypeId", type.equals("House") || type.equals("Villa") || type.equals("Cottage") ? 2 : 1);
        l.put("name", name);
        l.put("externalListingName", name);
        l.put("internalListingName", String.format(Locale.ROOT, "%s-%03d", city.code(), n));
        l.put("description", name + ". " + (bedrooms == 0 ? "Open-plan studio"
                : bedrooms + " bedroom" + (bedrooms > 1 ? "s" : "")) + ", fully equipped kitchen and fast Wi-Fi, close to "
                + "restaurants, shops and public transport in " + city.name() + ".");
        l.put("houseRules", "No smoking. No parties. Quiet hours from 22:00 to 07:00.");
        l.put("keyPickup", "Self check-in with a keypad at the entrance.");
        l.put("specialInstruction", "Please separate waste for recycling.");
        l.put("doorSecurityCode", String.format(Locale.ROOT, "%04d", random.nextInt(10_000)));
        l.put("country", city.country());
        l.put("countryCode", city.countryCode());
        l.put("state", city.state());
        l.put("city", city.name());
        l.put("street", street);
        l.put("address", street + ", " + city.name() + ", " + city.state() + " " + city.zip() + ", " + city.country());
        l.put("publicAddress", city.name() + ", " + city.state() + " " + city.zip() + ", " + city.country());
        l.put("zipcode", city.zip());
        l.set("price", Json.num(Json.round2(city.basePrice() * (0.7 + random.nextDouble() * 0.9 + bedrooms * 0.2))));
        l.set("starRating", Json.num(random.nextInt(11) / 2.0));
        l.set("averageReviewRating", Json.num(Json.round2(7 + random.nextDouble() * 3)));
        l.set("weeklyDiscount", Json.num(random.nextInt(3) == 0 ? 0.9 : 0.95));
        l.set("monthlyDiscount", Json.num(random.nextInt(3) == 0 ? 0.8 : 0.85));
        l.put("guestBathroomsNumber", 1 + bedrooms / 3);
        l.set("refundableDamageDeposit", Json.num(random.nextInt(2) == 0 ? 0 : 100 * (1 + random.nextInt(5))));
        l.put("personCapacity", capacity);
        l.set("lat", Json.num(Json.round2(city.lat() + (random.nextDouble() - 0.5) / 20) + 0.001));
        l.set("lng", Json.num(Json.round2(city.lng() + (random.nextDouble() - 0.5) / 20) + 0.001));
        l.put("checkInTimeStart", 14 + random.nextInt(3));
        l.put("checkInTimeEnd", 20 + random.nextInt(4));
        l.put("checkOutTime", 10 + random.nextInt(2));
        l.put("cancellationPolicy", policy);
        long policyBase = accountId * 10;
        l.put("cancellationPolicyId", policyBase + 1);
        l.put("vrboCancellationPolicyId", policyBase + 2);
        l.put("airbnbCancellationPolicyId", policyBase + 3);
        l.put("marriottCancellationPolicyId", policyBase + 4);
        l.put("bookingCancellationPolicyId", policyBase + 5);
        l.put("squareMeters", 25 + bedrooms * 22 + random.nextInt(20));
        if (archived) {
            l.put("specialStatus", "archived");
        } else {
            l.putNull("specialStatus");
        }
        l.put("roomType", random.nextInt(10) == 0 ? "private_room" : "entire_home");
        l.put("bathroomType", "private");
        l.put("bedroomsNumber", bedrooms);
        l.put("bedsNumber", Math.max(1, bedrooms + random.nextInt(2)));
        l.put("bathroomsNumber", 1 + bedrooms / 2);
        l.put("minNights", 1 + random.nextInt(3));
        l.put("maxNights", 1125);
        l.put("guestsIncluded", Math.max(1, capacity - 1));
        l.set("cleaningFee", Json.num(Math.round(city.basePrice() * (0.3 + random.nextDouble() * 0.3))));
        l.set("priceForExtraPerson", Json.num(Math.round(city.basePrice() * 0.15)));
        l.put("instantBookable", random.nextInt(2));
        l.put("contactName", ownerFirst);
        l.put("contactSurName", ownerLast);
        l.put("contactPhone1", String.format(Locale.ROOT, "+1555%07d", random.nextInt(10_000_000)));
        l.putNull("contactPhone2");
        l.put("contactLanguage", city.language());
        l.put("contactEmail", ascii(ownerFirst + "." + ownerLast) + "@owners.example.com");
        l.put("contactAddress", street + ", " + city.name());
        l.put("language", city.language());
        l.put("currencyCode", city.currency());
        l.put("timeZoneName", city.timeZone());
        l.put("wifiUsername", "guest-" + city.code().toLowerCase(Locale.ROOT) + "-" + n);
        l.put("wifiPassword", "wifi-" + Long.toHexString(id * 31 + 7));
        l.put("homeawayPropertyName", name);
        l.put("homeawayPropertyHeadline", name);
        l.put("homeawayPropertyDescription", Json.text(l, "description"));
        l.put("bookingcomPropertyName", name);
        l.put("bookingcomPropertyDescription", Json.text(l, "description"));
        l.put("invoicingContactName", ownerFirst);
        l.put("invoicingContactSurName", ownerLast);
        l.put("invoicingContactEmail", "invoices-" + accountId + "@pm.example.com");
        l.put("invoicingContactCity", city.name());
        l.put("invoicingContactCountry", city.countryCode());
        l.put("isRentalAgreementActive", random.nextInt(3) == 0);
        l.put("airbnbListingUrl", "https://www.airbnb.com/rooms/" + (900_000_000L + id % 100_000_000L));
        l.put("vrboListingUrl", "https://www.vrbo.com/" + (3_000_000L + id % 1_000_000L));
        l.put("googleVrListingUrl", "http://www.google.com/travel/hotels/entity/" + id + "/overview");
        l.put("airbnbName", name);
        l.put("airbnbSummary", Json.text(l, "description"));
        ArrayNode amenities = Json.array();
        int amenityCount = 3 + random.nextInt(5);
        for (int i = 0; i < amenityCount; i++) {
            ObjectNode a = amenities.addObject();
            a.put("id", (id % 1_000_000) * 100 + i + 1);
            a.put("amenityId", 1 + i * 3 + random.nextInt(3));
        }
        l.set("listingAmenities", amenities);
        ArrayNode beds = Json.array();
        ObjectNode bed = beds.addObject();
        bed.put("id", (id % 1_000_000) * 10 + 1);
        bed.put("bedTypeId", bedrooms == 0 ? 33 : 2);
        bed.put("quantity", Math.max(1, bedrooms));
        l.set("listingBedTypes", beds);
        ArrayNode images = Json.array();
        String[] captions = { "Living room", "Bedroom", "Kitchen", "Bathroom", "View" };
        for (int i = 0; i < 3; i++) {
            ObjectNode img = images.addObject();
            img.put("id", (id % 1_000_000) * 10 + i + 1);
            img.put("caption", captions[i]);
            img.put("url", "https://images.standin.invalid/listing/" + accountId + "-" + id + "-" + (i + 1) + ".jpg");
            img.put("sortOrder", i + 1);
        }
        l.set("listingImages", images);
        l.set("bookingEngineUrls", Json.array());
        return l;
    }

    private void seedBlockedDays(ObjectNode listing) {
        // one maintenance block of 2-4 days in the first half of 2026
        LocalDate start = LocalDate.of(2026, 1, 10).plusDays(random.nextInt(150));
        ObjectNode values = Json.object();
        values.put("isAvailable", 0);
        values.put("note", "Maintenance");
        state.applyCalendar(listing.get("id").asLong(), start, start.plusDays(1 + random.nextInt(3)), values);
    }

    private ObjectNode reservation(ObjectNode listing, LocalDate arrival, LocalDate departure, String status) {
        long listingId = listing.get("id").asLong();
        long id = state.nextReservationId();
        boolean ownerStay = "ownerStay".equals(status);
        Channel channel = ownerStay ? CHANNELS.get(0) : pick(CHANNELS);
        String first = ownerStay ? Json.text(listing, "contactName") : pick(FIRST_NAMES);
        String last = ownerStay ? Json.text(listing, "contactSurName") : pick(LAST_NAMES);
        int nights = (int) ChronoUnit.DAYS.between(arrival, departure);
        double baseRate = 0;
        for (LocalDate d = arrival; d.isBefore(departure); d = d.plusDays(1)) {
            baseRate += state.nightlyPrice(listing, d);
        }
        baseRate = Json.round2(baseRate);
        double cleaning = Json.dbl(listing, "cleaningFee");
        City city = CITIES.stream().filter(c -> c.name().equals(Json.text(listing, "city"))).findFirst()
                .orElse(CITIES.get(0));
        double tax = Json.round2(baseRate * city.taxRate());
        double total = Json.round2(baseRate + cleaning + tax);
        String currency = Json.text(listing, "currencyCode");
        int lead = 3 + random.nextInt(120);
        LocalDateTime booked = arrival.minusDays(lead).atTime(random.nextInt(24), random.nextInt(60),
                random.nextInt(60));
        LocalDateTime updated = booked.plusSeconds(random.nextInt(Math.max(1, lead - 1) * 86_400));
        String channelRef = state.accountId + "-" + listingId + "-" + channel.id() + "-"
                + (1_000_000_000L + Math.floorMod(id * 2_654_435_761L, 8_999_999_999L));
        int adults = 1 + random.nextInt(Math.max(1, (int) Json.lng(listing, "personCapacity")));
        int children = adults > 2 && adults < Json.lng(listing, "personCapacity") && random.nextInt(3) == 0 ? 1 : 0;

        ObjectNode r = Json.RESERVATION.deepCopy();
        r.put("id", id);
        r.put("listingMapId", listingId);
        r.put("channelId", channel.id());
        r.put("source", channel.source());
        r.put("channelName", channel.name());
        r.put("reservationId", channelRef);
        r.put("hostawayReservationId", id);
        r.put("channelReservationId", channelRef);
        if (random.nextInt(3) == 0) {
            r.put("assigneeUserId", state.accountId * 10 + 1 + random.nextInt(3));
        } else {
            r.putNull("assigneeUserId");
        }
        r.put("isProcessed", 1);
        r.put("isInitial", 0);
        r.put("isInstantBooked", "bookingcom".equals(channel.name()) || random.nextInt(2) == 0 ? 1 : 0);
        r.put("reservationDate", Json.dateTime(booked));
        if ("pending".equals(status) || "awaitingPayment".equals(status)) {
            r.put("pendingExpireDate", Json.dateTime(booked.plusHours(24)));
        } else {
            r.putNull("pendingExpireDate");
        }
        r.put("guestName", first + " " + last);
        r.put("guestFirstName", first);
        r.put("guestLastName", last);
        r.put("guestExternalAccountId", String.valueOf(80_000_000L + Math.floorMod(id * 7_919L, 9_999_999L)));
        r.put("guestZipCode", String.format(Locale.ROOT, "%05d", random.nextInt(100_000)));
        r.put("guestAddress", (1 + random.nextInt(999)) + " " + pick(LAST_NAMES) + " Street");
        City guestCity = pick(CITIES);
        r.put("guestCity", guestCity.name());
        r.put("guestCountry", guestCity.countryCode());
        r.put("guestEmail", ownerStay ? Json.text(listing, "contactEmail")
                : ascii(first + "." + last) + "." + (id % 100_000) + "@guests.example.com");
        r.putNull("guestPicture");
        r.put("guestRecommendations", random.nextInt(12));
        r.put("guestTrips", random.nextInt(30));
        String work = pick(GUEST_WORK);
        if (work == null) {
            r.putNull("guestWork");
        } else {
            r.put("guestWork", work);
        }
        for (String f : List.of("isGuestIdentityVerified", "isGuestVerifiedByEmail", "isGuestVerifiedByWorkEmail",
                "isGuestVerifiedByFacebook", "isGuestVerifiedByGovernmentId", "isGuestVerifiedByPhone",
                "isGuestVerifiedByReviews")) {
            r.put(f, random.nextInt(2));
        }
        r.put("numberOfGuests", adults + children);
        r.put("adults", adults);
        if (children > 0) {
            r.put("children", children);
        } else {
            r.putNull("children");
        }
        r.put("arrivalDate", arrival.toString());
        r.put("departureDate", departure.toString());
        r.put("nights", nights);
        r.put("checkInTime", Json.lng(listing, "checkInTimeStart"));
        r.put("checkOutTime", Json.lng(listing, "checkOutTime"));
        r.put("phone", String.format(Locale.ROOT, "+1555%07d", random.nextInt(10_000_000)));
        if (ownerStay) {
            r.put("totalPrice", 0);
            r.putNull("cleaningFee");
            r.putNull("taxAmount");
            r.putNull("channelCommissionAmount");
        } else {
            r.set("totalPrice", Json.num(total));
            r.set("taxAmount", Json.num(tax));
            r.set("cleaningFee", Json.num(cleaning));
            double commissionRate = switch (channel.name()) {
                case "airbnbOfficial" -> 0.03;
                case "bookingcom" -> 0.15;
                case "homeaway" -> 0.08;
                default -> 0.0;
            };
            if (commissionRate > 0) {
                r.set("channelCommissionAmount", Json.num(Json.round2(baseRate * commissionRate)));
            } else {
                r.putNull("channelCommissionAmount");
            }
        }
        r.putNull("hostawayCommissionAmount");
        double deposit = Json.dbl(listing, "refundableDamageDeposit");
        if (deposit > 0 && !ownerStay) {
            r.set("securityDepositFee", Json.num(deposit));
        } else {
            r.putNull("securityDepositFee");
        }
        boolean paid = Set.of("new", "modified").contains(status) && random.nextInt(4) != 0;
        if (ownerStay || "inquiry".equals(status)) {
            r.putNull("isPaid");
        } else {
            r.put("isPaid", paid ? 1 : 0);
        }
        r.put("paymentMethod", "direct".equals(channel.name()) || "bookingengine".equals(channel.name())
                ? "credit card"
                : null);
        r.putNull("stripeGuestId");
        r.put("currency", currency);
        r.put("status", status);
        if ("cancelled".equals(status)) {
            r.put("cancellationDate", updated.toLocalDate().toString());
            r.put("cancelledBy", random.nextInt(2) == 0 ? "guest" : "host");
        } else {
            r.putNull("cancellationDate");
            r.putNull("cancelledBy");
        }
        r.putNull("hostNote");
        if (random.nextInt(4) == 0) {
            r.put("guestNote", "We will arrive around " + (15 + random.nextInt(6)) + ":00.");
        } else {
            r.putNull("guestNote");
        }
        r.put("guestLocale", city.language());
        r.put("doorCode", String.format(Locale.ROOT, "%05d", random.nextInt(100_000)));
        r.put("doorCodeVendor", "keypad");
        r.put("doorCodeInstruction", "Enter the code and press the check mark.");
        boolean airbnb = "airbnbOfficial".equals(channel.name());
        if (airbnb) {
            r.put("confirmationCode", "HM" + Long.toString(Math.floorMod(id * 48_271L, 2_000_000_000L), 36)
                    .toUpperCase(Locale.ROOT));
            r.set("airbnbExpectedPayoutAmount", Json.num(Json.round2(total - baseRate * 0.03)));
            r.set("airbnbListingBasePrice", Json.num(baseRate));
            r.set("airbnbListingCancellationHostFee", Json.num(0));
            r.set("airbnbListingCancellationPayout", Json.num(0));
            r.set("airbnbListingCleaningFee", Json.num(cleaning));
            r.set("airbnbListingHostFee", Json.num(Json.round2(baseRate * 0.03)));
            r.set("airbnbListingSecurityPrice", Json.num(deposit));
            r.set("airbnbOccupancyTaxAmountPaidToHost", Json.num(tax));
            r.set("airbnbTotalPaidAmount", Json.num(total));
            r.set("airbnbTransientOccupancyTaxPaidAmount", Json.num(0));
            r.put("airbnbCancellationPolicy", Json.text(listing, "cancellationPolicy"));
        } else {
            r.putNull("confirmationCode");
            for (String f : List.of("airbnbExpectedPayoutAmount", "airbnbListingBasePrice",
                    "airbnbListingCancellationHostFee", "airbnbListingCancellationPayout", "airbnbListingCleaningFee",
                    "airbnbListingHostFee", "airbnbListingSecurityPrice", "airbnbOccupancyTaxAmountPaidToHost",
                    "airbnbTotalPaidAmount", "airbnbTransientOccupancyTaxPaidAmount", "airbnbCancellationPolicy")) {
                r.putNull(f);
            }
        }
        r.put("isStarred", random.nextInt(10) == 0 ? 1 : 0);
        r.put("isArchived", 0);
        r.put("isPinned", 0);
        r.putNull("originalChannel");
        r.putNull("customerUserId");
        boolean agreement = listing.path("isRentalAgreementActive").asBoolean(false);
        r.put("rentalAgreementFileUrl",
                agreement ? "https://files.standin.invalid/agreements/" + id + ".pdf" : null);
        r.put("reservationAgreement", agreement ? (random.nextInt(3) == 0 ? "not_signed" : "signed") : "not_required");
        r.set("remainingBalance", Json.num(paid || ownerStay ? 0 : total));
        r.put("insuranceStatus", "not_eligible");
        r.putNull("claimStatus");
        r.putNull("insurancePolicyId");
        String policy = Json.text(listing, "cancellationPolicy");
        r.put("cancellationPolicyId", Json.lng(listing, "cancellationPolicyId"));
        r.put("cancellationPolicy", policy);
        r.put("bookingCancellationPolicy", "bookingcom".equals(channel.name()) ? policy : null);
        r.put("vrboCancellationPolicy", "homeaway".equals(channel.name()) ? policy : null);
        r.putNull("marriottCancellationPolicy");
        ObjectNode details = (ObjectNode) r.get("cancellationPolicyDetails");
        details.put("name", policy.substring(0, 1).toUpperCase(Locale.ROOT) + policy.substring(1));
        details.put("channelId", channel.id());
        details.put("channelSpecificCode", policy);
        ObjectNode item = (ObjectNode) details.get("cancellationPolicyItem").get(0);
        item.put("timeDelta", switch (policy) {
            case "flexible" -> -86_400;
            case "moderate" -> -432_000;
            default -> -1_209_600;
        });
        item.put("refundAmount", "strict".equals(policy) ? 50 : 100);
        r.put("hostProxyEmail", "c-" + md5(channelRef).substring(0, 24) + "@host.standin.invalid");
        if ("bookingcom".equals(channel.name())) {
            ObjectNode requests = (ObjectNode) r.get("bookingcomSpecialRequests");
            requests.put("remarks", random.nextInt(2) == 0 ? "Late check-in, please." : "Quiet room if possible.");
            r.put("bookingcomSmokingPreference", 0);
            r.put("bookingcomIsGeniusMember", random.nextInt(2));
            r.put("bookingcomBookerName", first + " " + last);
            r.putNull("bookingcomBookerCompany");
            r.putNull("bookingcomNoShowReportedAt");
            r.putNull("bookingcomNoShowFeeWaived");
        } else {
            for (String f : List.of("bookingcomSpecialRequests", "bookingcomSmokingPreference",
                    "bookingcomIsGeniusMember", "bookingcomBookerName", "bookingcomBookerCompany",
                    "bookingcomNoShowReportedAt", "bookingcomNoShowFeeWaived")) {
                r.putNull(f);
            }
        }
        ArrayNode finance = Json.array();
        if (!ownerStay) {
            long financeBase = (id % 1_000_000) * 10;
            finance.add(financeField(financeBase + 1, "price", "baseRate", "Base rate", baseRate));
            finance.add(financeField(financeBase + 2, "fee", "cleaningFeeValue", "Cleaning fee", cleaning));
            finance.add(financeField(financeBase + 3, "tax", "vat", "VAT / GST", tax));
            finance.add(financeField(financeBase + 4, "price", "totalPriceFromChannel", "Total price from channel",
                    total));
        }
        r.set("financeField", finance);
        // Fields that the reservation object example leaves out but the docs describe (FACTS §7.2) or the conversation
        // example's embedded reservation shows; appended after the documented example's keys.
        ArrayNode fees = Json.array();
        if (!ownerStay && cleaning > 0) {
            ObjectNode fee = Json.RESERVATION_FEE.deepCopy();
            fee.put("id", (id % 1_000_000) * 10 + 1);
            fee.put("accountId", state.accountId);
            fee.put("listingMapId", listingId);
            fee.put("reservationId", id);
            fee.put("name", "Cleaning fee");
            fee.set("amount", Json.num(cleaning));
            fee.put("currency", currency);
            fee.put("percentage", 0);
            fee.put("isIncluded", 1);
            fee.put("isPerNight", 0);
            fee.put("isPerPerson", 0);
            fee.put("isImported", 1);
            fee.put("insertedOn", Json.dateTime(booked));
            fee.put("updatedOn", Json.dateTime(booked));
            fees.add(fee);
        }
        r.set("reservationFees", fees);
        r.set("reservationUnit", Json.array());
        r.put("latestActivityOn", updated.toLocalDate().toString());
        r.put("insertedOn", Json.dateTime(booked));
        r.put("updatedOn", Json.dateTime(updated));
        return r;
    }

    private static ObjectNode financeField(long id, String type, String name, String title, double value) {
        ObjectNode f = (ObjectNode) Json.RESERVATION.get("financeField").get(0).deepCopy();
        f.put("id", id);
        f.put("units", 1);
        f.put("type", type);
        f.put("name", name);
        f.put("title", title);
        f.set("value", Json.num(value));
        f.put("isIncludedInTotalPrice", "totalPriceFromChannel".equals(name) ? 0 : 1);
        f.put("isOverriddenByUser", 0);
        f.set("total", Json.num(value));
        return f;
    }

    private void conversation(ObjectNode reservation) {
        long conversationId = state.nextConversationId();
        ObjectNode listing = state.listings.get(Json.lng(reservation, "listingMapId"));
        String first = Json.text(reservation, "guestFirstName");
        LocalDateTime booked = LocalDateTime.parse(Json.text(reservation, "reservationDate"), Json.DATE_TIME);
        LocalDate arrival = LocalDate.parse(Json.text(reservation, "arrivalDate"));
        String communicationType = "direct".equals(Json.text(reservation, "channelName")) ? "email" : "channel";
        ObjectNode conversation = Conversations.newConversation(state, conversationId, reservation, listing);
        state.conversations.put(conversationId, conversation);
        List<ObjectNode> list = new ArrayList<>();
        state.messages.put(conversationId, list);
        int count = 1 + random.nextInt(4);
        LocalDateTime at = booked.plusMinutes(5 + random.nextInt(600));
        for (int i = 0; i < count; i++) {
            boolean incoming = i % 2 == 0;
            String body = incoming ? pick(INCOMING)
                    : String.format(Locale.ROOT, pick(OUTGOING), first, Json.lng(listing, "checkInTimeStart"));
            ObjectNode message = Conversations.newMessage(state, conversation, body, communicationType, incoming,
                    "sent", at);
            if (i == 0 && conversationId % 7 == 1) {
                ArrayNode attachments = Json.array();
                ObjectNode attachment = (ObjectNode) Json.CONVERSATION_MESSAGE.get("attachments").get(0).deepCopy();
                attachment.put("accountId", state.accountId);
                attachment.put("reservationId", reservation.get("id").asLong());
                attachment.put("conversationMessageId", message.get("id").asLong());
                attachment.put("id", message.get("id").asLong());
                attachment.put("name", "passport-scan.jpeg");
                attachment.put("url", "https://files.standin.invalid/attachments/" + message.get("id").asLong()
                        + ".jpeg");
                attachment.put("isPublic", 0);
                attachments.add(attachment);
                message.set("attachments", attachments);
            }
            if (!incoming) {
                Conversations.markSeen(list); // the host answered: earlier messages were read
            }
            list.add(message);
            Conversations.touch(conversation, message);
            at = at.plusHours(1 + random.nextInt(40));
        }
        if (random.nextInt(3) == 0) {
            // a scheduled message (status "awaiting"), only listed with includeScheduledMessages=1
            LocalDateTime when = arrival.minusDays(1).atTime(18, 0);
            if (when.isBefore(at)) {
                when = at.plusHours(1);
            }
            ObjectNode scheduled = Conversations.newMessage(state, conversation,
                    String.format(Locale.ROOT, "Hi %s, your door code is %s. See you tomorrow!", first,
                            Json.text(reservation, "doorCode")),
                    communicationType, false, "awaiting", when);
            scheduled.putNull("sentChannelDate");
            list.add(scheduled);
        }
    }

    static String md5(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.regex.Pattern NOT_ID_CHARS = java.util.regex.Pattern.compile("[^A-Za-z0-9.]");

    static String ascii(String text) {
        String normalized = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        return NOT_ID_CHARS.matcher(normalized).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
