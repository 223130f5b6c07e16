package com.hostmcp.gateway.tools.reservations;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A Hostaway finance report CSV (FACTS §9) as typed rows: RFC 4180 quoting, comma or tab delimited, the header row
 * gives the column titles, a first cell {@code Totals} marks the totals row. A column is numeric when every non-blank
 * cell of it is a number, except id columns, whose values stay text (as in Hostaway's JSON reports).
 */
final class FinanceReportCsv {

    static final String NUMBER = "number";
    static final String STRING = "string";

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern ID_TITLE = Pattern.compile("(?i).*\\bid");
    private static final String TOTALS = "totals";

    /** A column: its title as Hostaway wrote it and {@link #NUMBER} or {@link #STRING}. */
    record Column(String title, String type) {
    }

    /** The report: columns, data rows (cells typed per column), and the totals row when there is one. */
    record Report(List<Column> columns, List<List<JsonNode>> rows, List<JsonNode> totals) {
    }

    /** Thrown for text that is not a CSV report with a header row. */
    static final class MalformedReportException extends Exception {
        MalformedReportException(String message) {
            super(message, null, false, false);
        }
    }

    private FinanceReportCsv() {
    }

    static Report parse(String csv) throws MalformedReportException {
        String text = csv == null ? "" : csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<List<String>> records = read(text, delimiter(text));
        if (records.isEmpty()) {
            throw new MalformedReportException("the report is empty (no header row)");
        }
        List<String> titles = records.get(0).stream().map(String::strip).toList();
        List<List<String>> rows = new ArrayList<>();
        List<String> totals = null;
        for (List<String> record : records.subList(1, records.size())) {
            if (!record.isEmpty() && TOTALS.equals(record.get(0).strip().toLowerCase(Locale.ROOT))) {
                totals = record;
            } else if (!(record.size() == 1 && record.get(0).isBlank())) {
                rows.add(record);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < titles.size(); c++) {
            columns.add(new Column(titles.get(c), numeric(c, titles.get(c), rows, totals) ? NUMBER : STRING));
        }
        List<List<JsonNode>> typedRows = rows.stream().map(row -> typed(row, columns)).toList();
        List<JsonNode> typedTotals = totals == null ? null : typed(totals, columns);
        if (typedTotals != null) {
            typedTotals.set(0, ListResponse.NODES.textNode("Totals"));
        }
        return new Report(List.copyOf(columns), typedRows, typedTotals);
    }

    /** Tab when the header line has more tabs than commas outside quotes, else comma. */
    static char delimiter(String text) {
        int tabs = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted && ch == '\t') {
                tabs++;
            } else if (!quoted && ch == ',') {
                commas++;
            }
        }
        return tabs > commas ? '\t' : ',';
    }

    private static List<List<String>> read(String text, char delimiter) throws MalformedReportException {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"');
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                records.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedReportException("the report is not valid CSV");
        }
        return records;
    }

    private static boolean numeric(int column, String title, List<List<String>> rows, List<String> totals) {
        if (ID_TITLE.matcher(title).matches()) {
            return false;
        }
        List<List<String>> sample = rows.isEmpty() && totals != null ? List.of(totals) : rows;
        boolean any = false;
        for (List<String> row : sample) {
            String cell = column < row.size() ? row.get(column).strip() : "";
            if (cell.isEmpty()) {
                continue;
            }
            if (!NUMERIC.matcher(cell).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static List<JsonNode> typed(List<String> record, List<Column> columns) {
        List<JsonNode> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            String cell = c < record.size() ? record.get(c).strip() : "";
            if (cell.isEmpty()) {
                out.add(ListResponse.NODES.nullNode());
            } else if (NUMBER.equals(columns.get(c).type()) && NUMERIC.matcher(cell).matches()) {
                out.add(number(cell));
            } else {
                out.add(ListResponse.NODES.textNode(cell));
            }
        }
        return out;
    }

    private static JsonNode number(String cell) {
        BigDecimal value = new BigDecimal(cell);
        try {
            return ListResponse.NODES.numberNode(value.longValueExact());
        } catch (ArithmeticException notWhole) {
            return ListResponse.NODES.numberNode(value.doubleValue());
        }
    }
}
