package com.hostmcp.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.LintResult;

class ChartLintTest {

    @Test
    void lintPassesStrictlyWithTheDefaultValues() {
        LintResult result = Chart.lint();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void lintPassesStrictlyWithTheProductionValues(@TempDir Path workDir) {
        LintResult result = Chart.lintWith(Chart.PRODUCTION_VALUES, workDir);

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }
}
