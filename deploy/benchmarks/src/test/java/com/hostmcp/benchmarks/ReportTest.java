package com.hostmcp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void rowsArePrintedAsTheyComeAndTabulatedAsMarkdownWithPipesEscaped() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));
        report.row("load", "errors", "0", "0");
        report.row("load", "p99 a|b", "12.00 ms");
        report.note("load", "per-IP shaping off");

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("errors", "(target 0)", "note: per-IP shaping off");
        assertThat(report.markdown()).contains("| load | errors | 0 | 0 |", "| load | p99 a\\|b | 12.00 ms |  |",
                "- load: per-IP shaping off");
    }
}
