package com.hostmcp.standin.hostaway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The four finance reports, computed from the account's reservations. Columns and titles are those of the docs'
 * examples; the money figures follow one simple, consistent model:
 *
 * <pre>
 * baseRate         = totalPrice - cleaningFee - taxAmount
 * accommodationFee = baseRate + cleaningFee       totalGuestFees = cleaningFee     totalTax = vat = taxAmount
 * pmCommission     = 20 % of baseRate             hostChannelFee = channelCommissionAmount
 * ownerPayout      = accommodationFee - pmCommission - hostChannelFee
 * subTotalPrice    = accommodationFee + totalTax  damageDeposit = securityDepositFee
 * </pre>
 */
final class FinanceReports {

    record Column(String name, String title, String valueType) {
    }

    static final List<Column> CONSOLIDATED = columns(Json.CONSOLIDATED_JSON);
    static final List<Column> LISTING_FINANCIALS = columns(Json.LISTING_FINANCIALS_JSON);
    static final List<String> STANDARD_TITLES = List.of("Reservation ID", "Channel", "Status", "Arrival", "Departure",
            "Listing", "Owner", "Description", "Amount");
    static final List<String> CALCULATED_TITLES = List.of("Reservation ID", "Guest", "Channel", "Status", "Booked",
            "Arrival", "Departure", "Listing", "Owner", "Description", "Formula", "Formula values", "Amount");
    /** Calculated columns; the standard report lists the other (stored) components. */
    static final Set<String> CALCULATED_FIELDS = Set.of("totalGuestFees", "totalTax", "accommodationFee",
            "pmCommission", "ownerPayout", "pmCommissionAbc", "subTotalPrice");
    static final List<String> TAX_FIELDS = List.of("vat", "hotelTax", "lodgingTax", "salesTax", "transientOccupancyTax",
            "cityTax", "roomTax", "otherTaxes");
    /** Statuses reported when {@code statuses[]} is not given: everything but inquiries and dead requests. */
    static final Set<String> DEFAULT_STATUSES = Set.of("new", "modified", "cancelled", "ownerStay", "pending",
            "awaitingPayment", "awaitingGuestVerification", "unconfirmed");

    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\\s,\"\\t]");

    private FinanceReports() {
    }

    private static List<Column> columns(ObjectNode example) {
        List<Column> out = new ArrayList<>();
        for (JsonNode c : example.get("result").get("columns")) {
            out.add(new Column(c.get("name").asText(), c.get("title").asText(), c.get("valueType").asText()));
        }
        return List.copyOf(out);
    }

    static ApiResponse report(AccountState state, String type, Map<String, List<String>> form) {
        String format = value(form, "format");
        boolean formatRequired = !"standard".equals(type);
        if (format == null || format.isEmpty()) {
            if (formatRequired) {
                throw ApiException.badRequest("format is required");
            }
            format = "csv";
        }
        boolean jsonAllowed = "consolidated".equals(type) || "listingFinancials".equals(type);
        if (!"csv".equals(format) && !(jsonAllowed && "json".equals(format))) {
            throw ApiException.badRequest("Unsupported format for the " + type + " report: " + format);
        }
        String delimiterName = value(form, "delimiter");
        String delimiter;
        if (delimiterName == null || delimiterName.isEmpty() || "comma".equals(delimiterName)) {
            delimiter = ",";
        } else if ("tab".equals(delimiterName)) {
            delimiter = "\t";
        } else {
            throw ApiException.badRequest("delimiter must be comma or tab");
        }
        LocalDate from = Json.parseDate(value(form, "fromDate"));
        LocalDate to = Json.parseDate(value(form, "toDate"));
        if (from == null || to == null) {
            throw ApiException.badRequest("fromDate and toDate are required in Y-m-d format");
        }
        if (to.isBefore(from)) {
            throw ApiException.badRequest("toDate must not be before fromDate");
        }
        String dateType = value(form, "dateType");
        if (dateType == null || dateType.isEmpty()) {
            dateType = "arrivalDate";
        }
        if (!Set.of("arrivalDate", "departureDate", "reservationDate").contains(dateType)) {
            throw ApiException.badRequest("dateType must be arrivalDate, departureDate or reservationDate");
        }
        List<Long> listingIds = longs(form, "listingMapIds");
        List<Long> channelIds = longs(form, "channelIds");
        List<String> statuses = values(form, "statuses");
        String sortOrder = value(form, "sortOrder");
        if (sortOrder != null && !sortOrder.isEmpty() && !"asc".equals(sortOrder) && !"desc".equals(sortOrder)) {
            throw ApiException.badRequest("sortOrder must be asc or desc");
        }
        boolean descending = "desc".equals(sortOrder);
        String sortBy = value(form, "sortBy");

        String fromText = from.toString();
        String toText = to.toString();
        String dateField = dateType;
        List<ObjectNode> reservations = new ArrayList<>();
        for (ObjectNode r : state.reservations.values()) {
            String date = Json.text(r, dateField);
            if (date == null) {
                continue;
            }
            String day = date.length() > 10 ? date.substring(0, 10) : date;
            if (day.compareTo(fromText) < 0 || day.compareTo(toText) > 0) {
                continue;
            }
            if (!listingIds.isEmpty() && !listingIds.contains(Json.lng(r, "listingMapId"))) {
                continue;
            }
            if (!channelIds.isEmpty() && !channelIds.contains(Json.lng(r, "channelId"))) {
                continue;
            }
            String status = Json.text(r, "status");
            if (statuses.isEmpty() ? !DEFAULT_STATUSES.contains(status) : !statuses.contains(status)) {
                continue;
            }
            reservations.add(r);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ObjectNode r : reservations) {
            rows.add(figures(state, r));
        }
        String currency = reservations.isEmpty()
                ? state.listings.isEmpty() ? "USD" : Json.text(state.listings.firstEntry().getValue(), "currencyCode")
                : Json.text(reservations.get(0), "currency");

        if ("listingFinancials".equals(type)) {
            rows = perListing(state, rows, listingIds);
            sort(rows, sortBy == null || sortBy.isEmpty() ? "listingName" : sortBy, "listingName", descending);
            return "json".equals(format) ? json(LISTING_FINANCIALS, rows, currency)
                    : csv(titles(LISTING_FINANCIALS), table(LISTING_FINANCIALS, rows, true), delimiter);
        }
        sort(rows, sortBy == null || sortBy.isEmpty() ? "arrivalDate" : sortBy, "arrivalDate", descending);
        return switch (type) {
            case "consolidated" -> "json".equals(format) ? json(CONSOLIDATED, rows, currency)
                    : csv(titles(CONSOLIDATED), table(CONSOLIDATED, rows, true), delimiter);
            case "standard" -> csv(STANDARD_TITLES, standardRows(rows), delimiter);
            default -> csv(CALCULATED_TITLES, calculatedRows(rows), delimiter);
        };
    }

    private static String value(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0).trim();
    }

    /** Values of {@code key}, {@code key[]} and indexed {@code key[0]}, {@code key[1]}, ... fields. */
    private static List<String> values(Map<String, List<String>> form, String key) {
        List<String> out = new ArrayList<>();
        form.forEach((k, v) -> {
            if (k.equals(key) || k.matches(Pattern.quote(key) + "\\[\\d*]")) {
                v.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
            }
        });
        return out;
    }

    private static List<Long> longs(Map<String, List<String>> form, String key) {
        List<Long> out = new ArrayList<>();
        for (String v : values(form, key)) {
            if (!v.matches("\\d{1,18}")) {
                throw ApiException.badRequest(key + " must contain integers");
            }
            out.add(Long.parseLong(v));
        }
        return out;
    }

    static String listingLabel(long listingId, ObjectNode listing) {
        return "(" + listingId + ") " + (listing == null ? "" : Json.text(listing, "name"));
    }

    /** Column name to value for one reservation (strings for text cells, Double for money). */
    private static Map<String, Object> figures(AccountState state, ObjectNode r) {
        long listingId = Json.lng(r, "listingMapId");
        ObjectNode listing = state.listings.get(listingId);
        double total = Json.dbl(r, "totalPrice");
        double cleaning = Json.dbl(r, "cleaningFee");
        double tax = Json.dbl(r, "taxAmount");
        double baseRate = Math.max(0, Json.round2(total - cleaning - tax));
        double hostChannelFee = Json.dbl(r, "channelCommissionAmount");
        double accommodation = Json.round2(baseRate + cleaning);
        double pmCommission = Json.round2(baseRate * 0.2);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : CONSOLIDATED) {
            m.put(c.name(), 0.0);
        }
        m.put("id", String.valueOf(Json.lng(r, "id")));
        m.put("channelName", Json.text(r, "channelName"));
        m.put("status", Json.text(r, "status"));
        m.put("arrivalDate", Json.text(r, "arrivalDate"));
        m.put("departureDate", Json.text(r, "departureDate"));
        m.put("listingName", listingLabel(listingId, listing));
        m.put("totalGuestFees", cleaning);
        m.put("totalTax", tax);
        m.put("accommodationFee", accommodation);
        m.put("pmCommission", pmCommission);
        m.put("ownerPayout", Json.round2(accommodation - pmCommission - hostChannelFee));
        m.put("baseRate", baseRate);
        m.put("cleaningFeeValue", cleaning);
        m.put("vat", tax);
        m.put("hostChannelFee", hostChannelFee);
        m.put("damageDeposit", Json.dbl(r, "securityDepositFee"));
        m.put("subTotalPrice", Json.round2(accommodation + tax));
        // extra keys used by the standard / calculated reports and sorting
        m.put("_listingId", listingId);
        m.put("_guest", Json.text(r, "guestName"));
        m.put("_booked", Json.text(r, "reservationDate"));
        m.put("_owner", listing == null ? "" : SeedGenerator.ascii(String.valueOf(Json.text(listing, "contactName"))));
        m.put("reservationDate", Json.text(r, "reservationDate"));
        m.put("currency", Json.text(r, "currency"));
        return m;
    }

    private static List<Map<String, Object>> perListing(AccountState state, List<Map<String, Object>> rows,
            List<Long> listingIds) {
        Map<Long, Map<String, Object>> byListing = new TreeMap<>();
        for (Long id : listingIds) {
            if (state.listings.containsKey(id)) {
                byListing.put(id, emptyListingRow(id, state.listings.get(id)));
            }
        }
        for (Map<String, Object> row : rows) {
            long id = (Long) row.get("_listingId");
            Map<String, Object> agg = byListing.computeIfAbsent(id, k -> emptyListingRow(k, state.listings.get(k)));
            for (Column c : LISTING_FINANCIALS) {
                if (!"string".equals(c.valueType())) {
                    agg.put(c.name(), Json.round2((Double) agg.get(c.name()) + (Double) row.get(c.name())));
                }
            }
        }
        return new ArrayList<>(byListing.values());
    }

    private static Map<String, Object> emptyListingRow(long listingId, ObjectNode listing) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : LISTING_FINANCIALS) {
            m.put(c.name(), 0.0);
        }
        m.put("listingName", listingLabel(listingId, listing));
        return m;
    }

    /**
     * Sorts by the {@code sortBy} field; a field the report does not have (for example {@code arrivalDate} on the
     * per-listing report, which the docs' shared request example sends) falls back to the report's default order.
     */
    private static void sort(List<Map<String, Object>> rows, String sortBy, String fallback, boolean descending) {
        String key = rows.isEmpty() || rows.get(0).containsKey(sortBy) ? sortBy : fallback;
        Comparator<Map<String, Object>> cmp = (a, b) -> compareCells(a.get(key), b.get(key));
        Comparator<Map<String, Object>> tie = (a, b) -> compareCells(a.get("id"), b.get("id"));
        cmp = descending ? cmp.reversed() : cmp;
        rows.sort(cmp.thenComparing(tie));
    }

    private static int compareCells(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y && x.matches("\\d+") && y.matches("\\d+")) {
            return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static List<String> titles(List<Column> columns) {
        return columns.stream().map(Column::title).toList();
    }

    /** Data rows plus the {@code Totals} row: first cell "Totals", other text cells 0, money cells summed. */
    private static List<List<Object>> table(List<Column> columns, List<Map<String, Object>> rows, boolean totals) {
        List<List<Object>> out = new ArrayList<>();
        double[] sums = new double[columns.size()];
        for (Map<String, Object> row : rows) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = row.get(columns.get(i).name());
                cells.add(v);
                if (v instanceof Double d) {
                    sums[i] += d;
                }
            }
            out.add(cells);
        }
        if (totals) {
            List<Object> total = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                total.add(i == 0 ? "Totals" : "string".equals(columns.get(i).valueType()) ? 0.0 : sums[i]);
            }
            out.add(total);
        }
        return out;
    }

    private static List<List<Object>> standardRows(List<Map<String, Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (Column c : CONSOLIDATED) {
                if (!"money".equals(c.valueType()) || CALCULATED_FIELDS.contains(c.name())) {
                    continue;
                }
                out.add(List.of(row.get("id"), row.get("channelName"), row.get("status"), row.get("arrivalDate"),
                        row.get("departureDate"), row.get("listingName"), row.get("_owner"), c.title(),
                        row.get(c.name())));
            }
        }
        return out;
    }

    private static List<List<Object>> calculatedRows(List<Map<String, Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> prefix = List.of(row.get("id"), row.get("_guest"), row.get("channelName"), row.get("status"),
                    row.get("_booked"), row.get("arrivalDate"), row.get("departureDate"), row.get("listingName"),
                    row.get("_owner"));
            out.add(formulaRow(prefix, row, "totalTax", TAX_FIELDS, " + "));
            out.add(formulaRow(prefix, row, "totalGuestFees", List.of("cleaningFeeValue"), " + "));
            out.add(formulaRow(prefix, row, "accommodationFee", List.of("baseRate", "cleaningFeeValue"), " + "));
            out.add(formulaRow(prefix, row, "ownerPayout", List.of("accommodationFee", "pmCommission",
                    "hostChannelFee"), " - "));
            out.add(formulaRow(prefix, row, "subTotalPrice", List.of("accommodationFee", "totalTax"), " + "));
        }
        return out;
    }

    private static List<Object> formulaRow(List<Object> prefix, Map<String, Object> row, String name,
            List<String> terms, String operator) {
        List<Object> cells = new ArrayList<>(prefix);
        cells.add(name);
        cells.add(String.join(operator, terms));
        cells.add(String.join(operator, terms.stream().map(t -> Json.numText((Double) row.get(t))).toList()));
        cells.add(row.get(name));
        return cells;
    }

    private static ApiResponse csv(List<String> titles, List<List<Object>> rows, String delimiter) {
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(titles), delimiter);
        for (List<Object> row : rows) {
            line(out, row, delimiter);
        }
        return ApiResponse.text("text/csv; charset=utf-8", out.toString());
    }

    private static void line(StringBuilder out, List<?> cells, String delimiter) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            out.append(cell(cells.get(i)));
        }
        out.append('\n');
    }

    /** Quoting as in the docs' CSV examples: text with whitespace, commas or quotes is quoted, numbers never. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return Json.numText(d);
        }
        String text = String.valueOf(value);
        if (NEEDS_QUOTES.matcher(text).find()) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static ApiResponse json(List<Column> columns, List<Map<String, Object>> rows, String currency) {
        ObjectNode result = Json.object();
        ArrayNode cols = result.putArray("columns");
        for (Column c : columns) {
            ObjectNode col = cols.addObject();
            col.put("name", c.name());
            col.put("title", c.title());
            col.put("valueType", c.valueType());
        }
        List<List<Object>> table = table(columns, rows, true);
        ArrayNode jsonRows = result.putArray("rows");
        for (int i = 0; i < table.size() - 1; i++) {
            jsonRows.add(jsonCells(table.get(i)));
        }
        result.set("totals", jsonCells(table.get(table.size() - 1)));
        result.put("currency", currency == null ? "USD" : currency.toUpperCase(Locale.ROOT));
        return ApiResponse.success(result);
    }

    private static ArrayNode jsonCells(List<Object> cells) {
        ArrayNode out = Json.array();
        for (Object v : cells) {
            if (v instanceof Double d) {
                out.add(Json.num(d));
            } else {
                out.add(v == null ? null : String.valueOf(v));
            }
        }
        return out;
    }
}
