package com.hostmcp.gateway.tools.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class FinanceReportCsvTest {

    /** The docs' example reports, as the Hostaway stand-in ships them. */
    private static String example(String type) throws IOException {
        try (InputStream in = FinanceReportCsvTest.class.getClassLoader()
                .getResourceAsStream("hostaway/finance.report." + type + ".response.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> titles(FinanceReportCsv.Report report) {
        return report.columns().stream().map(FinanceReportCsv.Column::title).toList();
    }

    private static String type(FinanceReportCsv.Report report, String title) {
        return report.columns().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow().type();
    }

    @Test
    void consolidatedCommaReportHasTypedRowsAndASeparateTotalsRow() throws Exception {
        FinanceReportCsv.Report report = FinanceReportCsv.parse(example("consolidated"));

        assertThat(report.columns()).hasSize(36);
        assertThat(titles(report)).startsWith("Reservation ID", "Channel name", "Reservation status", "Arrival date");
        assertThat(report.rows()).hasSize(3);
        List<JsonNode> first = report.rows().get(0);
        assertThat(first.get(0).isTextual()).as("ids stay text").isTrue();
        assertThat(first.get(0).asText()).isEqualTo("755143");
        assertThat(first.get(5).asText()).isEqualTo("(123) apartment with Balcony");
        assertThat(type(report, "PM Commission")).isEqualTo(FinanceReportCsv.NUMBER);
        assertThat(first.get(titles(report).indexOf("PM Commission")).doubleValue()).isEqualTo(420.6);
        assertThat(first.get(titles(report).indexOf("Owner payout")).isIntegralNumber()).isTrue();
        assertThat(type(report, "Arrival date")).isEqualTo(FinanceReportCsv.STRING);

        assertThat(report.totals()).isNotNull();
        assertThat(report.totals().get(0).asText()).isEqualTo("Totals");
        assertThat(report.totals().get(titles(report).indexOf("Total tax")).doubleValue()).isEqualTo(1354.254);
        assertThat(report.totals().get(titles(report).indexOf("Weekly discount")).doubleValue()).isEqualTo(-2611.8);
    }

    @Test
    void standardReportIsTabDelimited() throws Exception {
        String csv = example("standard");
        assertThat(FinanceReportCsv.delimiter(csv)).isEqualTo('\t');

        FinanceReportCsv.Report report = FinanceReportCsv.parse(csv);

        assertThat(titles(report)).containsExactly("Reservation ID", "Channel", "Status", "Arrival", "Departure",
                "Listing", "Owner", "Description", "Amount");
        assertThat(report.rows()).isNotEmpty();
        assertThat(report.rows().get(0).get(7).asText()).isEqualTo("Damage deposit");
        assertThat(report.rows().get(0).get(8).asLong()).isEqualTo(7000);
        assertThat(report.totals()).isNull();
    }

    @Test
    void calculatedReportKeepsFormulaTextAndMixedColumnsAsText() throws Exception {
        FinanceReportCsv.Report report = FinanceReportCsv.parse(example("calculated"));

        assertThat(type(report, "Formula values")).as("'0 + 0 + …' and '400' mixed").isEqualTo(FinanceReportCsv.STRING);
        assertThat(type(report, "Amount")).isEqualTo(FinanceReportCsv.NUMBER);
        assertThat(report.rows().get(0).get(titles(report).indexOf("Formula")).asText())
                .startsWith("vat + hotelTax");
        assertThat(report.rows().get(0).get(titles(report).indexOf("Listing")).asText())
                .isEqualTo("(63325) Great place 2 · Great place");
    }

    @Test
    void listingFinancialsTotalsRowIsNotARow() throws Exception {
        FinanceReportCsv.Report report = FinanceReportCsv.parse(example("listingFinancials"));

        assertThat(report.rows()).hasSize(2);
        assertThat(report.totals().get(titles(report).indexOf("Accommodation fee")).asLong()).isEqualTo(1417);
    }

    @Test
    void rfc4180QuotingEmbeddedDelimitersQuotesAndLineBreaks() throws Exception {
        String csv = "\uFEFF\"Listing name\",Note,Amount\r\n"
                + "\"Flat, \"\"Sea view\"\"\",\"line one\nline two\",12.50\r\n"
                + "Cabin,,-3\r\n"
                + "\r\n"
                + "Totals,,9.5\r\n";

        FinanceReportCsv.Report report = FinanceReportCsv.parse(csv);

        assertThat(titles(report)).containsExactly("Listing name", "Note", "Amount");
        assertThat(report.rows()).hasSize(2);
        assertThat(report.rows().get(0).get(0).asText()).isEqualTo("Flat, \"Sea view\"");
        assertThat(report.rows().get(0).get(1).asText()).isEqualTo("line one\nline two");
        assertThat(report.rows().get(0).get(2).doubleValue()).isEqualTo(12.5);
        assertThat(report.rows().get(1).get(1).isNull()).as("empty cell").isTrue();
        assertThat(report.rows().get(1).get(2).asLong()).isEqualTo(-3);
        assertThat(report.totals().get(2).doubleValue()).isEqualTo(9.5);
    }

    @Test
    void headerOnlyReportHasNoRows() throws Exception {
        FinanceReportCsv.Report report = FinanceReportCsv.parse("\"Listing name\",Amount\n");

        assertThat(report.rows()).isEmpty();
        assertThat(report.totals()).isNull();
        assertThat(type(report, "Amount")).as("no evidence of numbers").isEqualTo(FinanceReportCsv.STRING);
    }

    @Test
    void emptyOrBrokenTextIsRefused() {
        assertThatThrownBy(() -> FinanceReportCsv.parse("")).isInstanceOf(FinanceReportCsv.MalformedReportException.class);
        assertThatThrownBy(() -> FinanceReportCsv.parse("a,b\n\"unterminated,1\n"))
                .isInstanceOf(FinanceReportCsv.MalformedReportException.class);
    }
}
