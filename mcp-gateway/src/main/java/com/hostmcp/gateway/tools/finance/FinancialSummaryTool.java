package com.hostmcp.gateway.tools.finance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;
import com.hostmcp.gateway.tools.finance.FinancialSummary.CurrencyTotals;
import com.hostmcp.gateway.tools.finance.FinancialSummary.Figures;
import com.hostmcp.gateway.tools.finance.FinancialSummary.ListingFigures;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** {@code get_financial_summary}: revenue, nights, ADR and occupancy per listing for a period, from reservations. */
@ApplicationScoped
public class FinancialSummaryTool implements GatewayTool {

    static final String NAME = "get_financial_summary";
    static final int MAX_PERIOD_NIGHTS = 366;
    static final int DEFAULT_LIMIT = 50;

    private static final String DESCRIPTION = """
            Revenue, nights sold, ADR and occupancy of the caller's Hostaway listings for a period, per listing \
            and in total per currency, computed from the reservations (works on every Hostaway plan, also where \
            the finance report endpoints are not enabled).
            Use it for "how much did we earn / how full were we in <period>", comparisons between listings, ADR \
            and occupancy. Do NOT use it for Hostaway's official accounting figures (owner payouts, commissions, \
            taxes per component, reports by booking or departure date): use get_financial_report. For single \
            bookings use search_reservations / get_reservation; for open dates use check_availability.
            Period: every night from fromDate to toDate, both included (the night of a date starts on it; \
            2026-01-01..2026-01-31 = 31 nights), at most 366 nights. Listings: every listing that is not archived, \
            or exactly listingIds (archived ones too when named).
            Rules: sold = status new or modified (also the old 'confirmed'). ownerStay nights are not sold: no \
            money, and they are taken out of the available nights. Every other status (cancelled, declined, \
            expired, pending, unconfirmed, awaitingPayment, awaitingGuestVerification, inquiry*, unknown) does not \
            count; excludedReservations tallies them by status. A stay crossing fromDate or toDate counts only its \
            nights inside the period, and its money is prorated: amount x nights inside / nights of the stay, \
            rounded to 2 decimals half-up per reservation (sums are exact sums of those shares). revenue = \
            accommodation only (the reservation's baseRate finance field, else totalPrice - cleaningFee - \
            taxAmount); cleaningFees and totalPrice (everything the guest pays incl. fees and taxes) are prorated \
            the same way and reported separately. ADR = revenue / nightsSold (2 decimals half-up, null without \
            sold nights). occupancy = nightsSold / nightsAvailable as a fraction 0..1 (4 decimals half-up, null \
            when nothing is available), nightsAvailable = nights of the period - owner-stay nights (calendar \
            blocks are not subtracted). Currencies are never added together: totals has one entry per currency \
            and a listing with reservations in several currencies has one row per currency; pass currency to keep \
            one currency only. overall gives nights and occupancy over all rows.
            Rows (items) are sorted by currency, then revenue (highest first); limit (default 50) rows per call, \
            nextCursor for the rest (totals are always complete). Each call reads the listings and the period's \
            reservations from Hostaway (about 2 + reservations/500 requests); more than 5000 overlapping \
            reservations is refused: shorten the period or name at most 5 listingIds.""";

    private final ObjectMapper json;

    public FinancialSummaryTool(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Financial summary (revenue, ADR, occupancy)", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        SummaryRequest request = SummaryRequest.parse(arguments);
        int offset = 0;
        if (arguments.hasNonNull("cursor")) {
            ObjectNode state = context.cursors().decode(arguments.get("cursor").asText());
            if (!request.fingerprint().equals(state.path("filters").asText())) {
                throw ToolFailure.validation("The cursor belongs to a summary with other arguments.",
                        "Repeat fromDate, toDate, listingIds and currency exactly as in the call that returned the"
                                + " cursor, or omit cursor to start from the first rows.");
            }
            offset = state.path("offset").asInt();
        }
        int startAt = offset;
        return PeriodData.listings(context.hostaway()).flatMap(listings -> {
            request.requireKnown(listings);
            return PeriodData.reservations(context.hostaway(), request.period(), request.listingIds())
                    .map(reservations -> FinancialSummaryCalculator.compute(request.period(), listings,
                            request.listingIds(), reservations, request.currency()));
        }).map(summary -> render(context, request, summary, startAt));
    }

    private ToolResult render(ToolContext context, SummaryRequest request, FinancialSummary summary, int offset) {
        List<ListingFigures> rows = summary.listings();
        int from = Math.min(offset, rows.size());
        List<ListingFigures> page = rows.subList(from, Math.min(rows.size(), from + request.limit()));
        List<ObjectNode> items = new ArrayList<>();
        for (ListingFigures row : page) {
            ObjectNode item = json.createObjectNode();
            item.put("listingId", row.listingId());
            item.put("listingName", row.listingName());
            item.put("archived", row.archived());
            item.put("currency", row.currency());
            putFigures(item, row.figures());
            items.add(item);
        }
        int fitting = ResponseBudget.fittingCount(items, ResponseBudget.ITEMS_BUDGET);
        boolean truncated = fitting < items.size();
        List<ObjectNode> returned = items.subList(0, fitting);
        int next = from + fitting;

        ObjectNode out = json.createObjectNode();
        out.put("fromDate", summary.period().fromDate().toString());
        out.put("toDate", summary.period().toDate().toString());
        out.put("periodNights", summary.period().nights());
        out.put("currency", summary.currencyFilter());
        ArrayNode totals = out.putArray("totals");
        for (CurrencyTotals total : summary.totals()) {
            ObjectNode node = totals.addObject();
            node.put("currency", total.currency());
            node.put("listings", total.listings());
            putFigures(node, total.figures());
        }
        ObjectNode overall = out.putObject("overall");
        overall.put("listings", summary.overall().listings());
        overall.put("nightsSold", summary.overall().nightsSold());
        overall.put("ownerStayNights", summary.overall().ownerStayNights());
        overall.put("nightsAvailable", summary.overall().nightsAvailable());
        putDecimal(overall, "occupancy", summary.overall().occupancy());
        overall.put("reservations", summary.overall().reservations());
        ObjectNode excluded = out.putObject("excludedReservations");
        summary.excludedByStatus().forEach(excluded::put);
        out.putArray("items").addAll(returned);
        out.put("total", rows.size());
        out.put("returned", returned.size());
        if (next < rows.size()) {
            ObjectNode state = json.createObjectNode();
            state.put("filters", request.fingerprint());
            state.put("offset", next);
            out.put("nextCursor", context.cursors().encode(state));
        } else {
            out.putNull("nextCursor");
        }
        out.put("truncated", truncated);
        if (truncated) {
            out.put("note", "Only " + fitting + " listing rows fit into the response; nextCursor continues after"
                    + " them. To narrow: pass listingIds, a currency, or a smaller limit. totals and overall cover"
                    + " every row.");
        } else {
            out.putNull("note");
        }
        return new ToolResult(out, text(summary, page.subList(0, fitting), from, rows.size()));
    }

    private static void putFigures(ObjectNode node, Figures figures) {
        putDecimal(node, "revenue", figures.revenue());
        putDecimal(node, "cleaningFees", figures.cleaningFees());
        putDecimal(node, "totalPrice", figures.totalPrice());
        node.put("nightsSold", figures.nightsSold());
        node.put("ownerStayNights", figures.ownerStayNights());
        node.put("nightsAvailable", figures.nightsAvailable());
        putDecimal(node, "adr", figures.adr());
        putDecimal(node, "occupancy", figures.occupancy());
        node.put("reservations", figures.reservations());
    }

    /** As a plain JSON number (2 or 4 decimals are exact in a double's shortest form), or null. */
    private static void putDecimal(ObjectNode node, String field, BigDecimal value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    private static String text(FinancialSummary summary, List<ListingFigures> rows, int from, int rowCount) {
        var overall = summary.overall();
        var heading = new StringBuilder(String.format(Locale.ROOT,
                "Financial summary %s..%s (%d nights), %d listing(s): %d of %d available nights sold (occupancy %s),"
                        + " %d reservation(s).",
                summary.period().fromDate(), summary.period().toDate(), summary.period().nights(),
                overall.listings(), overall.nightsSold(), overall.nightsAvailable(),
                percent(overall.occupancy()), overall.reservations()));
        for (CurrencyTotals total : summary.totals()) {
            Figures f = total.figures();
            heading.append(String.format(Locale.ROOT,
                    "%n%s total: revenue %s, ADR %s, occupancy %s, %d nights, %d reservation(s), cleaning fees %s,"
                            + " total price %s",
                    total.currency(), f.revenue().toPlainString(), plain(f.adr()), percent(f.occupancy()),
                    f.nightsSold(), f.reservations(), f.cleaningFees().toPlainString(),
                    f.totalPrice().toPlainString()));
        }
        if (!summary.excludedByStatus().isEmpty()) {
            heading.append("\nNot counted: ").append(summary.excludedByStatus().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        heading.append(String.format(Locale.ROOT, "%nListings %d-%d of %d:", rowCount == 0 ? 0 : from + 1,
                from + rows.size(), rowCount));
        List<String> lines = rows.stream()
                .map(row -> String.format(Locale.ROOT, "#%d %s%s [%s]: revenue %s, %d/%d nights (%s), ADR %s, %d res.",
                        row.listingId(), row.listingName(), row.archived() ? " (archived)" : "", row.currency(),
                        row.figures().revenue().toPlainString(), row.figures().nightsSold(),
                        row.figures().nightsAvailable(), percent(row.figures().occupancy()),
                        plain(row.figures().adr()), row.figures().reservations()))
                .toList();
        return ResponseBudget.textLines(heading.toString(), lines);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "n/a" : value.toPlainString();
    }

    private static String percent(BigDecimal fraction) {
        return fraction == null ? "n/a"
                : fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** The checked arguments of one call. */
    record SummaryRequest(SummaryPeriod period, List<Long> listingIds, String currency, int limit) {

        static SummaryRequest parse(ObjectNode arguments) {
            LocalDate fromDate = date(arguments, "fromDate");
            LocalDate toDate = date(arguments, "toDate");
            if (toDate.isBefore(fromDate)) {
                throw ToolFailure.validation(
                        "toDate (" + toDate + ") is before fromDate (" + fromDate + ").",
                        "Pass fromDate as the first night and toDate as the last night of the period (both"
                                + " included), with toDate on or after fromDate, e.g. fromDate 2026-01-01 and toDate"
                                + " 2026-01-31 for January.");
            }
            SummaryPeriod period = new SummaryPeriod(fromDate, toDate);
            if (period.nights() > MAX_PERIOD_NIGHTS) {
                throw ToolFailure.validation(
                        "The period has " + period.nights() + " nights; at most " + MAX_PERIOD_NIGHTS + " are allowed.",
                        "Shorten the period (toDate at most fromDate + 365 days) and ask for the rest in a second"
                                + " call, e.g. one year at a time.");
            }
            List<Long> listingIds = null;
            if (arguments.hasNonNull("listingIds")) {
                Set<Long> ids = new TreeSet<>();
                arguments.get("listingIds").forEach(id -> ids.add(id.asLong()));
                listingIds = List.copyOf(ids);
            }
            String currency = arguments.hasNonNull("currency")
                    ? arguments.get("currency").asText().toUpperCase(Locale.ROOT)
                    : null;
            int limit = arguments.path("limit").asInt(DEFAULT_LIMIT);
            return new SummaryRequest(period, listingIds, currency, limit);
        }

        /** What a cursor must have been made with: the arguments that decide the rows. */
        String fingerprint() {
            return period.fromDate() + "|" + period.toDate() + "|" + (listingIds == null ? "*" : listingIds) + "|"
                    + (currency == null ? "*" : currency);
        }

        /** Refuses listing ids that are not the account's. */
        void requireKnown(List<SummaryListing> listings) {
            if (listingIds == null) {
                return;
            }
            Set<Long> known = listings.stream().map(SummaryListing::id).collect(Collectors.toSet());
            List<Long> unknown = listingIds.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw ToolFailure.notFound(
                        "No listing with id " + unknown.stream().map(String::valueOf).collect(Collectors.joining(", "))
                                + " in this Hostaway account.",
                        "Call list_listings for the ids of this account's listings, or leave listingIds out to"
                                + " summarize every listing that is not archived.");
            }
        }

        private static LocalDate date(JsonNode arguments, String name) {
            try {
                return LocalDate.parse(arguments.path(name).asText());
            } catch (DateTimeParseException e) {
                throw ToolFailure.validation(name + " is not a date.",
                        "Pass " + name + " as YYYY-MM-DD, e.g. 2026-01-31.");
            }
        }
    }
}
