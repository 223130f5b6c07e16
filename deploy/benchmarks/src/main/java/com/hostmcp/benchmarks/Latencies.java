package com.hostmcp.benchmarks;

import java.util.Arrays;

/** Latency samples in nanoseconds (thread-safe), and their percentiles. */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile ({@code 0 < p <= 100}) in nanoseconds; 0 when there are no samples. */
    public synchronized long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, rank - 1)];
    }

    public synchronized long max() {
        return size == 0 ? 0 : Arrays.stream(samples, 0, size).max().orElse(0);
    }

    /** {@code p50 a ms, p95 b ms, p99 c ms, max d ms (n)}. */
    public String summary() {
        return String.format("p50 %s, p95 %s, p99 %s, max %s (n=%d)", millis(percentile(50)), millis(percentile(95)),
                millis(percentile(99)), millis(max()), count());
    }

    /** Nanoseconds as milliseconds with two decimals. */
    public static String millis(long nanos) {
        return String.format("%.2f ms", nanos / 1_000_000.0);
    }
}
