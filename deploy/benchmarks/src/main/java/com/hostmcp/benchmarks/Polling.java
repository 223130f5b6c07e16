package com.hostmcp.benchmarks;

import java.time.Duration;

/** Waiting for the platform to reach a state: a benchmark that cannot get there could not be carried out (throws). */
public final class Polling {

    /** A condition that answers false while the state is not reached yet (it throws only when something broke). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Polling() {
    }

    /** Polls {@code condition} every 250 ms until it holds; throws after {@code within}. */
    public static void await(String what, Duration within, Condition condition) throws Exception {
        awaitEvery(what, within, Duration.ofMillis(250), condition);
    }

    public static void awaitEvery(String what, Duration within, Duration interval, Condition condition)
            throws Exception {
        long start = System.nanoTime();
        while (!condition.holds()) {
            within(start, within, "not reached: " + what);
            Thread.sleep(interval.toMillis());
        }
    }

    /** Throws when more than {@code limit} passed since {@code startNanos} ({@link System#nanoTime()}). */
    public static void within(long startNanos, Duration limit, String failure) {
        if (System.nanoTime() - startNanos > limit.toNanos()) {
            throw new IllegalStateException(failure + " (within " + limit.toSeconds() + " s)");
        }
    }
}
