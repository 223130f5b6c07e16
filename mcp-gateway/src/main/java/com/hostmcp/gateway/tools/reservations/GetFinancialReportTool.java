package com.hostmcp.gateway.tools.reservations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayException;
import com.hostmcp.gateway.hostaway.HostawayOperations.FinanceReportQuery;
import com.hostmcp.gateway.hostaway.HostawayOperations.FinanceReportType;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * get_financial_report: POST /v1/finance/report/{type} as CSV, parsed into typed rows. Later pages fetch the report
 * again and skip the rows already returned (Hostaway does not page reports).
 */
@ApplicationScoped
public class GetFinancialReportTool implements GatewayTool {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_LIMIT = 50;

    private static final String USE_SUMMARY = "use get_financial_summary, which computes revenue, nights, ADR and"
            + " occupancy from reservations and works on every plan";

    @Override
    public String name() {
        return "get_financial_report";
    }

    @Override
    public String description() {
        return """
                Run one of Hostaway's finance reports for a period and return it as structured rows. type: \
                consolidated (one row per reservation with all money columns), listingFinancials (one row per \
                listing with totals), standard (one row per money component of each reservation), calculated (one \
                row per calculated figure with its formula). Period: fromDate..toDate (at most 366 days), matched \
                against dateType (arrivalDate by default, or departureDate or reservationDate). Optional filters: \
                listingIds, channelIds, statuses (Hostaway's default leaves out inquiries, declined and expired). \
                Use it when the user wants Hostaway's own accounting figures (owner payout, PM commission, taxes, \
                fees). Do NOT use it for quick revenue/occupancy/ADR figures, or when the finance report is not \
                enabled on the account: use get_financial_summary. The finance report must be enabled on the \
                Hostaway account.
                Output: columns (title and type number|string, in report order), rows (arrays of cells in column \
                order; numbers as numbers, ids as text), totals (column title -> number from Hostaway's Totals row; \
                null for reports without one), rowCount (all rows of the report). Use `columns` (titles as in the \
                report, e.g. ["Reservation ID","Listing name","Owner payout"]) to keep only some columns: reports \
                have up to 36. Paging: `limit` rows per call (1-100, default 50); pass `nextCursor` back as \
                `cursor` with the same arguments for more rows.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Financial report", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        Request request = Request.of(arguments);
        ObjectNode state = ListResponse.resume(context.cursors(), Arguments.optionalText(arguments, "cursor"),
                request.fingerprint());
        int offset = state == null ? 0 : state.path("offset").asInt();
        return context.hostaway().financeReportCsv(request.type(), request.query())
                .onFailure().transform(GetFinancialReportTool::explain)
                .map(csv -> toResult(context, request, offset, parse(csv)));
    }

    private static FinanceReportCsv.Report parse(String csv) {
        try {
            return FinanceReportCsv.parse(csv);
        } catch (FinanceReportCsv.MalformedReportException e) {
            throw new ToolFailure(ErrorType.UPSTREAM, "Hostaway's finance report could not be read: " + e.getMessage()
                    + ".", "Try again later, or " + USE_SUMMARY + ".");
        }
    }

    static ToolResult toResult(ToolContext context, Request request, int offset, FinanceReportCsv.Report report) {
        List<Integer> shownColumns = columnIndexes(report, request.columns());
        ArrayNode columns = ListResponse.NODES.arrayNode();
        shownColumns.forEach(c -> columns.addObject().put("name", report.columns().get(c).title())
                .put("type", report.columns().get(c).type()));
        ObjectNode totals = totals(report, shownColumns);

        int rowCount = report.rows().size();
        List<ArrayNode> candidates = new ArrayList<>();
        for (int r = offset; r < rowCount && candidates.size() < request.limit(); r++) {
            ArrayNode row = ListResponse.NODES.arrayNode();
            List<JsonNode> cells = report.rows().get(r);
            shownColumns.forEach(c -> row.add(cells.get(c)));
            candidates.add(row);
        }
        int budget = ResponseBudget.ITEMS_BUDGET - columns.toString().length()
                - (totals == null ? 0 : totals.toString().length());
        int kept = ResponseBudget.fittingCount(candidates, budget);
        boolean truncated = kept < candidates.size();
        int end = offset + kept;
        String nextCursor = end < rowCount && kept > 0
                ? context.cursors().encode(ListResponse.cursorState(request.fingerprint()).put("offset", end))
                : null;
        String note = null;
        if (truncated) {
            note = "Only " + kept + " of " + candidates.size() + " requested rows fit into the response"
                    + (nextCursor == null ? "" : "; nextCursor continues after the last one")
                    + ". Keep fewer columns (argument columns), or narrow the period or listingIds.";
        }

        ObjectNode result = ListResponse.NODES.objectNode();
        result.put("reportType", request.type().path());
        result.put("fromDate", request.fromDate().toString());
        result.put("toDate", request.toDate().toString());
        result.put("dateType", request.dateType());
        result.set("columns", columns);
        result.putArray("rows").addAll(candidates.subList(0, kept));
        result.set("totals", totals);
        result.put("rowCount", rowCount);
        result.put("returned", kept);
        result.put("nextCursor", nextCursor);
        result.put("truncated", truncated);
        result.put("note", note);
        return new ToolResult(result, text(request, result));
    }

    private static List<Integer> columnIndexes(FinanceReportCsv.Report report, List<String> wanted) {
        List<Integer> indexes = new ArrayList<>();
        if (wanted.isEmpty()) {
            for (int c = 0; c < report.columns().size(); c++) {
                indexes.add(c);
            }
            return indexes;
        }
        for (String title : wanted) {
            int index = -1;
            for (int c = 0; c < report.columns().size() && index < 0; c++) {
                if (report.columns().get(c).title().equalsIgnoreCase(title.strip())) {
                    index = c;
                }
            }
            if (index < 0) {
                throw ToolFailure.validation("This report has no column '" + title + "'.",
                        "Use titles exactly as the report names them in columns, or leave out columns to get all: "
                                + report.columns().stream().map(FinanceReportCsv.Column::title)
                                        .collect(Collectors.joining(", ")));
            }
            indexes.add(index);
        }
        return indexes;
    }

    private static ObjectNode totals(FinanceReportCsv.Report report, List<Integer> shownColumns) {
        if (report.totals() == null) {
            return null;
        }
        ObjectNode totals = ListResponse.NODES.objectNode();
        for (int c : shownColumns) {
            JsonNode cell = report.totals().get(c);
            if (FinanceReportCsv.NUMBER.equals(report.columns().get(c).type()) && cell.isNumber()) {
                totals.set(report.columns().get(c).title(), cell);
            }
        }
        return totals;
    }

    private static String text(Request request, ObjectNode result) {
        String heading = "Finance report " + request.type().path() + " " + request.fromDate() + ".."
                + request.toDate() + " by " + request.dateType() + ": " + result.get("rowCount").asInt()
                + " rows, " + result.get("returned").asInt() + " shown"
                + (result.hasNonNull("nextCursor") ? " (more: pass nextCursor)" : "") + "."
                + (result.hasNonNull("note") ? " " + result.get("note").asText() : "")
                + (result.hasNonNull("totals") ? "\nTotals: " + result.get("totals") : "");
        List<String> titles = new ArrayList<>();
        result.get("columns").forEach(c -> titles.add(c.get("name").asText()));
        List<String> lines = new ArrayList<>();
        lines.add(String.join(" | ", titles));
        result.get("rows").forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNull() ? "" : cell.asText()));
            lines.add(ListResponse.trim(String.join(" | ", cells), 300));
        });
        return ResponseBudget.textLines(heading, lines);
    }

    private static Throwable explain(Throwable failure) {
        if (failure instanceof HostawayException.Rejected || failure instanceof HostawayException.NotFound) {
            return new ToolFailure(ErrorType.UPSTREAM,
                    "Hostaway refused the finance report: " + failure.getMessage(),
                    "The finance report may not be enabled for this Hostaway account or plan: " + USE_SUMMARY
                            + ". If it is enabled, check the dates, listingIds and channelIds.");
        }
        if (failure instanceof HostawayException.Unavailable unavailable) {
            return new ToolFailure(ErrorType.UPSTREAM, "Hostaway's finance report is not available right now.",
                    "Retry in " + unavailable.retryAfterSeconds() + " s, or " + USE_SUMMARY + ".",
                    unavailable.retryAfterSeconds());
        }
        if (failure instanceof HostawayException.Timeout) {
            return new ToolFailure(ErrorType.TIMEOUT, "Hostaway did not deliver the finance report in time.",
                    "Narrow the period or listingIds and retry, or " + USE_SUMMARY + ".");
        }
        return failure;
    }

    /** The arguments of one call. */
    record Request(FinanceReportType type, LocalDate fromDate, LocalDate toDate, String dateType,
            List<Long> listingIds, List<Long> channelIds, List<String> statuses, List<String> columns, int limit) {

        static Request of(ObjectNode arguments) {
            LocalDate fromDate = Arguments.optionalDate(arguments, "fromDate");
            LocalDate toDate = Arguments.optionalDate(arguments, "toDate");
            Arguments.requireRange(fromDate, "fromDate", toDate, "toDate", MAX_DAYS);
            return new Request(type(arguments.path("type").asText()), fromDate, toDate,
                    Arguments.textOr(arguments, "dateType", "arrivalDate"), Arguments.longList(arguments, "listingIds"),
                    Arguments.longList(arguments, "channelIds"), Arguments.textList(arguments, "statuses"),
                    Arguments.textList(arguments, "columns"), Arguments.intOr(arguments, "limit", DEFAULT_LIMIT));
        }

        private static FinanceReportType type(String path) {
            for (FinanceReportType type : FinanceReportType.values()) {
                if (type.path().equals(path)) {
                    return type;
                }
            }
            throw ToolFailure.validation("Unknown report type '" + path + "'.",
                    "Pass type standard, consolidated, calculated or listingFinancials.");
        }

        FinanceReportQuery query() {
            return new FinanceReportQuery(listingIds, fromDate, toDate, dateType,
                    channelIds.stream().map(Long::intValue).toList(), statuses);
        }

        /** What selects the report's rows; columns and limit may change between pages. */
        String fingerprint() {
            ObjectNode filters = ListResponse.NODES.objectNode();
            filters.put("type", type.path());
            filters.put("fromDate", fromDate.toString());
            filters.put("toDate", toDate.toString());
            filters.put("dateType", dateType);
            listingIds.stream().sorted().forEach(filters.putArray("listingIds")::add);
            channelIds.stream().sorted().forEach(filters.putArray("channelIds")::add);
            statuses.stream().sorted().map(s -> s.toLowerCase(Locale.ROOT)).forEach(filters.putArray("statuses")::add);
            return ListResponse.fingerprint(filters);
        }
    }
}
