package com.hostmcp.gateway.tools.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.tools.finance.FinancialSummary.CurrencyTotals;
import com.hostmcp.gateway.tools.finance.FinancialSummary.Figures;
import com.hostmcp.gateway.tools.finance.FinancialSummary.ListingFigures;
import com.hostmcp.gateway.tools.finance.FinancialSummary.Overall;

/**
 * Computes a {@link FinancialSummary} from Hostaway reservations and listings. The rules (also in the tool
 * description and TOOLS.md):
 * <ul>
 * <li>Sold: status {@code new}, {@code modified} and the deprecated {@code confirmed}. Owner stays
 * ({@code ownerStay}) are not sold: no money, and their nights are taken out of the available nights. Every other
 * status (cancelled, declined, expired, pending, unconfirmed, awaitingPayment, awaitingGuestVerification, inquiry*,
 * unknown, anything new) does not count and is only tallied in {@code excludedByStatus}.</li>
 * <li>A stay counts with its nights inside the period; its money is prorated by nights: amount × nights inside /
 * nights of the stay, rounded per reservation to 2 decimals half-up, so sums are exact sums of those shares.</li>
 * <li>revenue = accommodation only: the {@code baseRate} finance field, or totalPrice − cleaningFee − taxAmount when
 * the reservation has none. cleaningFees and totalPrice (all the guest pays: accommodation, fees, taxes) are prorated
 * the same way.</li>
 * <li>Nights available = nights of the period − owner-stay nights of the listing. Calendar blocks are not
 * subtracted.</li>
 * <li>Archived listings are left out unless they are asked for by id. A listing whose reservations are in several
 * currencies has one row per currency; totals are per currency.</li>
 * </ul>
 */
final class FinancialSummaryCalculator {

    static final int MONEY_SCALE = 2;
    static final int OCCUPANCY_SCALE = 4;
    /** ISO 4217 "no currency": for a reservation and listing that name none. */
    static final String NO_CURRENCY = "XXX";

    private static final Set<String> SOLD = Set.of("new", "modified", "confirmed");
    private static final String OWNER_STAY = "ownerStay";

    private FinancialSummaryCalculator() {
    }

    /**
     * @param listings every listing of the account (at least those that are asked for)
     * @param requestedIds the listings asked for, or null for every listing that is not archived
     * @param reservations the account's reservations that may overlap the period (others are ignored), each once
     * @param currencyFilter an upper-case ISO code to keep only that currency's rows, or null for all
     */
    static FinancialSummary compute(SummaryPeriod period, Collection<SummaryListing> listings,
            Collection<Long> requestedIds, Collection<? extends JsonNode> reservations, String currencyFilter) {
        Map<Long, SummaryListing> included = new LinkedHashMap<>();
        for (SummaryListing listing : listings) {
            if (requestedIds == null ? !listing.archived() : requestedIds.contains(listing.id())) {
                included.put(listing.id(), listing);
            }
        }
        Map<Long, Map<String, Sales>> salesByListing = new HashMap<>();
        Map<Long, BitSet> ownerNights = new HashMap<>();
        Map<String, Integer> excluded = new TreeMap<>();
        for (JsonNode reservation : reservations) {
            SummaryListing listing = included.get(reservation.path("listingMapId").asLong(-1));
            LocalDate arrival = date(reservation, "arrivalDate");
            LocalDate departure = date(reservation, "departureDate");
            if (listing == null || arrival == null || departure == null) {
                continue;
            }
            int nightsInside = period.nightsInside(arrival, departure);
            if (nightsInside == 0) {
                continue;
            }
            String status = reservation.path("status").asText("unknown");
            String currency = currencyOf(reservation, listing);
            if (OWNER_STAY.equals(status)) {
                BitSet nights = ownerNights.computeIfAbsent(listing.id(), id -> new BitSet(period.nights()));
                LocalDate first = arrival.isAfter(period.fromDate()) ? arrival : period.fromDate();
                int from = period.indexOf(first);
                nights.set(from, from + nightsInside);
            } else if (currencyFilter != null && !currencyFilter.equals(currency)) {
                continue;
            } else if (SOLD.contains(status)) {
                salesByListing.computeIfAbsent(listing.id(), id -> new TreeMap<>())
                        .computeIfAbsent(currency, c -> new Sales())
                        .add(reservation, nightsInside, (int) ChronoUnit.DAYS.between(arrival, departure));
            } else {
                excluded.merge(status, 1, Integer::sum);
            }
        }

        List<ListingFigures> rows = new ArrayList<>();
        for (SummaryListing listing : included.values()) {
            BitSet owner = ownerNights.get(listing.id());
            int ownerStayNights = owner == null ? 0 : owner.cardinality();
            int available = period.nights() - ownerStayNights;
            Map<String, Sales> sales = salesByListing.getOrDefault(listing.id(), Map.of());
            if (sales.isEmpty()) {
                sales = Map.of(listingCurrency(listing), new Sales());
            }
            sales.forEach((currency, sold) -> {
                if (currencyFilter == null || currencyFilter.equals(currency)) {
                    rows.add(new ListingFigures(listing.id(), listing.name(), listing.archived(), currency,
                            sold.figures(ownerStayNights, available)));
                }
            });
        }
        rows.sort(Comparator.comparing(ListingFigures::currency)
                .thenComparing(row -> row.figures().revenue(), Comparator.reverseOrder())
                .thenComparingLong(ListingFigures::listingId));
        return new FinancialSummary(period, currencyFilter, List.copyOf(rows), totals(rows), overall(rows),
                excluded);
    }

    private static List<CurrencyTotals> totals(List<ListingFigures> rows) {
        Map<String, List<Figures>> byCurrency = new TreeMap<>();
        for (ListingFigures row : rows) {
            byCurrency.computeIfAbsent(row.currency(), c -> new ArrayList<>()).add(row.figures());
        }
        List<CurrencyTotals> totals = new ArrayList<>();
        byCurrency.forEach((currency, figures) -> {
            BigDecimal revenue = BigDecimal.ZERO.setScale(MONEY_SCALE);
            BigDecimal cleaning = revenue;
            BigDecimal total = revenue;
            int sold = 0;
            int owner = 0;
            int available = 0;
            int reservations = 0;
            for (Figures f : figures) {
                revenue = revenue.add(f.revenue());
                cleaning = cleaning.add(f.cleaningFees());
                total = total.add(f.totalPrice());
                sold += f.nightsSold();
                owner += f.ownerStayNights();
                available += f.nightsAvailable();
                reservations += f.reservations();
            }
            totals.add(new CurrencyTotals(currency, figures.size(),
                    new Figures(revenue, cleaning, total, sold, owner, available, reservations)));
        });
        return List.copyOf(totals);
    }

    private static Overall overall(List<ListingFigures> rows) {
        Map<Long, Figures> byListing = new HashMap<>();
        int sold = 0;
        int reservations = 0;
        for (ListingFigures row : rows) {
            byListing.putIfAbsent(row.listingId(), row.figures());
            sold += row.figures().nightsSold();
            reservations += row.figures().reservations();
        }
        int owner = byListing.values().stream().mapToInt(Figures::ownerStayNights).sum();
        int available = byListing.values().stream().mapToInt(Figures::nightsAvailable).sum();
        return new Overall(byListing.size(), sold, owner, available, reservations);
    }

    /** The sold reservations of one listing in one currency. */
    private static final class Sales {
        private BigDecimal revenue = BigDecimal.ZERO.setScale(MONEY_SCALE);
        private BigDecimal cleaningFees = revenue;
        private BigDecimal totalPrice = revenue;
        private int nights;
        private int reservations;

        void add(JsonNode reservation, int nightsInside, int stayNights) {
            BigDecimal totalAmount = money(reservation.get("totalPrice"));
            BigDecimal cleaningAmount = money(reservation.get("cleaningFee"));
            revenue = revenue.add(prorate(baseRate(reservation, totalAmount, cleaningAmount), nightsInside,
                    stayNights));
            cleaningFees = cleaningFees.add(prorate(cleaningAmount, nightsInside, stayNights));
            totalPrice = totalPrice.add(prorate(totalAmount, nightsInside, stayNights));
            nights += nightsInside;
            reservations++;
        }

        Figures figures(int ownerStayNights, int nightsAvailable) {
            return new Figures(revenue, cleaningFees, totalPrice, nights, ownerStayNights, nightsAvailable,
                    reservations);
        }
    }

    /** {@code amount} × nightsInside / stayNights, 2 decimals half-up. */
    static BigDecimal prorate(BigDecimal amount, int nightsInside, int stayNights) {
        return amount.multiply(BigDecimal.valueOf(nightsInside)).divide(BigDecimal.valueOf(stayNights), MONEY_SCALE,
                RoundingMode.HALF_UP);
    }

    /**
     * The accommodation amount: the {@code baseRate} finance fields that are not deleted ({@code total}, else
     * {@code value}), or totalPrice − cleaningFee − taxAmount when there is none.
     */
    static BigDecimal baseRate(JsonNode reservation, BigDecimal totalPrice, BigDecimal cleaningFee) {
        BigDecimal sum = null;
        for (JsonNode field : reservation.path("financeField")) {
            if ("baseRate".equals(field.path("name").asText()) && field.path("isDeleted").asInt(0) != 1) {
                JsonNode amount = field.hasNonNull("total") ? field.get("total") : field.get("value");
                sum = (sum == null ? BigDecimal.ZERO : sum).add(money(amount));
            }
        }
        return sum != null ? sum : totalPrice.subtract(cleaningFee).subtract(money(reservation.get("taxAmount")));
    }

    /** A Hostaway amount (number or numeric string); null, missing or unreadable is zero. */
    static BigDecimal money(JsonNode node) {
        if (node == null || node.isNull()) {
            return BigDecimal.ZERO;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String currencyOf(JsonNode reservation, SummaryListing listing) {
        String currency = reservation.path("currency").asText("");
        return currency.isBlank() ? listingCurrency(listing) : currency.trim().toUpperCase(Locale.ROOT);
    }

    private static String listingCurrency(SummaryListing listing) {
        String currency = listing.currency();
        return currency == null || currency.isBlank() ? NO_CURRENCY : currency.trim().toUpperCase(Locale.ROOT);
    }

    private static LocalDate date(JsonNode reservation, String field) {
        String text = reservation.path(field).asText("");
        try {
            return text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
