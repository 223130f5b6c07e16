package com.hostmcp.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The figures of a run: one row per measured value, printed as they come and as a Markdown table at the end. */
public final class Report {

    /** One figure; {@code target} is empty when the issue sets none. */
    public record Row(String benchmark, String metric, String value, String target) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream out;

    public Report(PrintStream out) {
        this.out = out;
    }

    public synchronized void row(String benchmark, String metric, String value, String target) {
        rows.add(new Row(benchmark, metric, value, target == null ? "" : target));
        out.printf("  %-12s %-58s %s%s%n", benchmark, metric, value, target == null || target.isEmpty() ? ""
                : "   (target " + target + ")");
        out.flush();
    }

    public void row(String benchmark, String metric, String value) {
        row(benchmark, metric, value, "");
    }

    /** A remark printed under the table (how something was measured, what limited it). */
    public synchronized void note(String benchmark, String text) {
        notes.add(benchmark + ": " + text);
        out.printf("  %-12s note: %s%n", benchmark, text);
        out.flush();
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized String markdown() {
        StringBuilder table = new StringBuilder("| benchmark | metric | measured | target |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(cell(row.benchmark())).append(" | ").append(cell(row.metric())).append(" | ")
                    .append(cell(row.value())).append(" | ").append(cell(row.target())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            table.append('\n');
            notes.forEach(note -> table.append("- ").append(note).append('\n'));
        }
        return table.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
