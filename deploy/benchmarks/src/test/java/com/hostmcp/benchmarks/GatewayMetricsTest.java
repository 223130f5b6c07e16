package com.hostmcp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static String scrape(double fastCalls, double slowCalls, double callSeconds, double requests,
            double requestSeconds) {
        return String.join("\n",
                "# HELP hostmcp_mcp_tool_calls_seconds",
                "# TYPE hostmcp_mcp_tool_calls_seconds histogram",
                "hostmcp_mcp_tool_calls_seconds_bucket{outcome=\"SUCCESS\",tool=\"get_listing\",le=\"0.005\"} "
                        + fastCalls,
                "hostmcp_mcp_tool_calls_seconds_bucket{outcome=\"SUCCESS\",tool=\"get_listing\",le=\"0.05\"} "
                        + (fastCalls + slowCalls),
                "hostmcp_mcp_tool_calls_seconds_bucket{outcome=\"SUCCESS\",tool=\"get_listing\",le=\"+Inf\"} "
                        + (fastCalls + slowCalls),
                "hostmcp_mcp_tool_calls_seconds_count{outcome=\"SUCCESS\",tool=\"get_listing\"} "
                        + (fastCalls + slowCalls),
                "hostmcp_mcp_tool_calls_seconds_sum{outcome=\"SUCCESS\",tool=\"get_listing\"} " + callSeconds,
                "hostmcp_mcp_tool_calls_seconds_count{outcome=\"ERROR\",tool=\"get_listing\"} 0.0",
                "hostmcp_hostaway_requests_seconds_count{operation=\"GET /v1/listings/{id}\",status=\"200\"} "
                        + requests,
                "hostmcp_hostaway_requests_seconds_sum{operation=\"GET /v1/listings/{id}\",status=\"200\"} "
                        + requestSeconds,
                "jvm_threads_live_threads 40.0", "");
    }

    @Test
    void theDifferenceOfTwoScrapesDescribesTheCallsBetweenThem() {
        GatewayMetrics before = GatewayMetrics.parse(scrape(10, 0, 0.02, 10, 0.01));
        GatewayMetrics after = GatewayMetrics.parse(scrape(108, 2, 0.42, 110, 0.21));

        GatewayMetrics between = after.minus(before);

        assertThat(between.count(GatewayMetrics.TOOL_CALLS)).isEqualTo(100.0);
        assertThat(between.mean(GatewayMetrics.TOOL_CALLS)).isCloseTo(0.004, within(1e-9));
        assertThat(between.mean(GatewayMetrics.HOSTAWAY_REQUESTS)).isCloseTo(0.002, within(1e-9));
        assertThat(between.percentileBound(GatewayMetrics.TOOL_CALLS, 98)).isEqualTo(0.005);
        assertThat(between.percentileBound(GatewayMetrics.TOOL_CALLS, 99)).isEqualTo(0.05);
    }

    @Test
    void withoutSamplesMeansAndPercentilesAreNotANumber() {
        GatewayMetrics none = GatewayMetrics.parse("jvm_threads_live_threads 40.0\n");

        assertThat(none.mean(GatewayMetrics.TOOL_CALLS)).isNaN();
        assertThat(none.percentileBound(GatewayMetrics.TOOL_CALLS, 99)).isNaN();
    }
}
