package com.hostmcp.benchmarks.sync;

import java.util.List;

/**
 * sync-service's Hostaway request counter ({@code hostaway_requests_total} on /q/metrics) sampled over time, and the
 * figures the rate limits are about: requests in a span and the most in any window of a given length.
 */
final class RequestRate {

    /** The counter's value at a moment ({@link System#nanoTime()}). */
    record Sample(long nanos, double count) {
    }

    private RequestRate() {
    }

    /**
     * The sum of a counter over all its series in Prometheus text, restricted to series whose labels contain
     * {@code labelFilter} (empty: all). 0 when the counter has no series yet.
     */
    static double counter(String prometheusText, String name, String labelFilter) {
        double sum = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                int labelsEnd = line.lastIndexOf('}');
                String labels = labelsEnd < 0 ? "" : line.substring(name.length(), labelsEnd + 1);
                if (labels.contains(labelFilter)) {
                    String[] fields = line.substring(Math.max(labelsEnd, name.length()) + 1).trim().split(" ");
                    sum += Double.parseDouble(fields[0]);
                }
            }
        }
        return sum;
    }

    /**
     * The largest increase of the counter between two samples at most {@code windowNanos} apart: the most requests
     * seen in any window of that length, to the resolution of the sampling (it never overstates). Samples in time
     * order.
     */
    static double maxInWindow(List<Sample> samples, long windowNanos) {
        double max = 0;
        int first = 0;
        for (int last = 0; last < samples.size(); last++) {
            while (samples.get(last).nanos() - samples.get(first).nanos() > windowNanos) {
                first++;
            }
            max = Math.max(max, samples.get(last).count() - samples.get(first).count());
        }
        return max;
    }
}
