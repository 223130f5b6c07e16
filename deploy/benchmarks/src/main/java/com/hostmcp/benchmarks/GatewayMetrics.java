package com.hostmcp.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's own timers from {@code /q/metrics} (Prometheus text): {@code hostmcp.mcp.tool.calls} (a whole tool
 * call inside the gateway) and {@code hostmcp.hostaway.requests} (each exchange with Hostaway), summed over their tags.
 * The difference of two scrapes describes the calls in between.
 */
record GatewayMetrics(Map<String, Double> values, Map<String, TreeMap<Double, Double>> buckets) {

    static final String TOOL_CALLS = "hostmcp_mcp_tool_calls_seconds";
    static final String HOSTAWAY_REQUESTS = "hostmcp_hostaway_requests_seconds";

    static GatewayMetrics scrape(Stack stack) throws Exception {
        HttpResponse<String> response = stack.http().send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                .replaceFirst("/mcp$", "") + "/q/metrics")).timeout(Duration.ofSeconds(30)).header("Accept", "text/plain").GET()
                .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** The _count, _sum and _bucket samples of both timers, each summed over the other labels. */
    static GatewayMetrics parse(String text) {
        Map<String, Double> values = new HashMap<>();
        Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(TOOL_CALLS) || line.startsWith(HOSTAWAY_REQUESTS))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = line.substring(0, brace > 0 && brace < space ? brace : space);
            double value = Double.parseDouble(line.substring(space + 1));
            if (name.endsWith("_bucket")) {
                String le = label(line, "le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(name.substring(0, name.length() - "_bucket".length()), n -> new TreeMap<>())
                        .merge(bound, value, Double::sum);
            } else {
                values.merge(name, value, Double::sum);
            }
        }
        return new GatewayMetrics(values, buckets);
    }

    private static String label(String line, String name) {
        int start = line.indexOf(name + "=\"");
        if (start < 0) {
            throw new IllegalArgumentException("no label " + name + " in " + line);
        }
        start += name.length() + 2;
        return line.substring(start, line.indexOf('"', start));
    }

    GatewayMetrics minus(GatewayMetrics earlier) {
        Map<String, Double> difference = new HashMap<>();
        values.forEach((name, value) -> difference.put(name, value - earlier.values.getOrDefault(name, 0.0)));
        Map<String, TreeMap<Double, Double>> bucketDifference = new HashMap<>();
        buckets.forEach((name, cumulative) -> {
            TreeMap<Double, Double> before = earlier.buckets.getOrDefault(name, new TreeMap<>());
            TreeMap<Double, Double> delta = new TreeMap<>();
            cumulative.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
            bucketDifference.put(name, delta);
        });
        return new GatewayMetrics(difference, bucketDifference);
    }

    double count(String timer) {
        return values.getOrDefault(timer + "_count", 0.0);
    }

    /** Mean seconds of the timer; NaN without samples. */
    double mean(String timer) {
        double count = count(timer);
        return count == 0 ? Double.NaN : values.getOrDefault(timer + "_sum", 0.0) / count;
    }

    /**
     * The upper bound (seconds) of the histogram bucket that holds the p-th percentile; NaN without histogram buckets
     * or samples.
     */
    double percentileBound(String timer, double p) {
        TreeMap<Double, Double> cumulative = buckets.get(timer);
        if (cumulative == null || cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = Math.ceil(p / 100.0 * cumulative.lastEntry().getValue());
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Rows: the gateway's own view of the calls in this difference, and its time besides Hostaway. */
    void report(Report report, String benchmark, String phase) {
        double calls = count(TOOL_CALLS);
        double requests = count(HOSTAWAY_REQUESTS);
        double toolMean = mean(TOOL_CALLS);
        double hostawayMean = mean(HOSTAWAY_REQUESTS);
        report.row(benchmark, phase + ": gateway metrics: tool calls / Hostaway requests", String.format("%.0f / %.0f",
                calls, requests));
        report.row(benchmark, phase + ": gateway metrics: mean tool call / mean Hostaway request",
                String.format("%.2f ms / %.2f ms", toolMean * 1000, hostawayMean * 1000));
        if (calls > 0) {
            double overheadMean = (toolMean * calls - hostawayMean * requests) / calls;
            report.row(benchmark, phase + ": gateway overhead, mean (tool timer minus Hostaway timer, per call)",
                    String.format("%.2f ms", overheadMean * 1000));
        }
        report.row(benchmark, phase + ": gateway metrics p99 bucket: tool call / Hostaway request",
                String.format("<= %s ms / <= %s ms", millis(percentileBound(TOOL_CALLS, 99)),
                        millis(percentileBound(HOSTAWAY_REQUESTS, 99))));
    }

    private static String millis(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.1f", seconds * 1000);
    }
}
