package com.hostmcp.benchmarks.sync;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.hostmcp.benchmarks.Stack;

/**
 * Samples sync-service's Hostaway request counters every 200 ms (on its own thread) so that a span can be described
 * by the requests made, their average rate and the most in any 10 s window, against the 15 / 10 s global limit.
 */
final class MetricsSampler implements Runnable {

    private static final String COUNTER = "hostaway_requests_total";
    private static final Duration EVERY = Duration.ofMillis(200);
    private static final long WINDOW = Duration.ofSeconds(10).toNanos();

    private final Stack stack;
    private final List<RequestRate.Sample> requests = new ArrayList<>();
    private final List<RequestRate.Sample> limited = new ArrayList<>();
    /** One moment on both clocks, to place the database's timestamps on {@link System#nanoTime()}. */
    private final long nanosZero = System.nanoTime();
    private final Instant wallZero = Instant.now();
    private volatile boolean stopped;

    MetricsSampler(Stack stack) {
        this.stack = stack;
    }

    @Override
    public void run() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.syncUrl() + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        while (!stopped) {
            try {
                String metrics = stack.http().send(request, HttpResponse.BodyHandlers.ofString()).body();
                long now = System.nanoTime();
                synchronized (this) {
                    requests.add(new RequestRate.Sample(now, RequestRate.counter(metrics, COUNTER, "")));
                    limited.add(new RequestRate.Sample(now, RequestRate.counter(metrics, COUNTER,
                            "status=\"429\"")));
                }
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.out.println("  sync: a metrics sample failed: " + e);
            }
        }
    }

    void stop() {
        stopped = true;
    }

    /** A wall-clock instant (e.g. from the database) on the {@link System#nanoTime()} scale. */
    long nanosAt(Instant instant) {
        return nanosZero + Duration.between(wallZero, instant).toNanos();
    }

    /** The requests between two moments: count, average per 10 s, most in any 10 s window, 429s. */
    synchronized String between(long startNanos, long endNanos) {
        List<RequestRate.Sample> span = within(requests, startNanos, endNanos);
        List<RequestRate.Sample> span429 = within(limited, startNanos, endNanos);
        if (span.size() < 2) {
            return "no metrics samples";
        }
        double made = span.get(span.size() - 1).count() - span.get(0).count();
        double seconds = (span.get(span.size() - 1).nanos() - span.get(0).nanos()) / 1e9;
        double tooMany = span429.get(span429.size() - 1).count() - span429.get(0).count();
        return String.format("%.0f Hostaway requests in %.1f s: %.1f per 10 s on average, at most %.0f in any 10 s"
                + " window, %.0f answered 429", made, seconds, made / seconds * 10,
                RequestRate.maxInWindow(span,
                        WINDOW),
                tooMany);
    }

    /** The samples from the last one at or before {@code start} to the first one at or after {@code end}. */
    private static List<RequestRate.Sample> within(List<RequestRate.Sample> samples, long start, long end) {
        int from = 0;
        int to = samples.size() - 1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).nanos() <= start) {
                from = i;
            }
        }
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).nanos() >= end) {
                to = i;
            }
        }
        return to < from ? List.of() : samples.subList(from, to + 1);
    }
}
