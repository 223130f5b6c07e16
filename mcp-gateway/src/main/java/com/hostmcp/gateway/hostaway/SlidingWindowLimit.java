package com.hostmcp.gateway.hostaway;

import java.util.ArrayDeque;

/**
 * At most {@code requests} permits in any window of {@code windowNanos}, handed out in order. A permit can be reserved
 * for a time in the future, so that waiting callers queue behind each other instead of all waking at once. Not
 * thread-safe: {@link OutboundShaping} guards every instance with one lock.
 */
final class SlidingWindowLimit {

    private final int requests;
    private final long windowNanos;
    /** The times of the last {@code requests} permits, oldest first; later entries are never earlier. */
    private final ArrayDeque<Long> permits = new ArrayDeque<>();

    SlidingWindowLimit(int requests, long windowNanos) {
        this.requests = requests;
        this.windowNanos = windowNanos;
    }

    /** The earliest time (not before {@code now}) at which a permit can be taken. */
    long earliestPermit(long now) {
        if (requests <= 0) {
            return now;
        }
        long earliest = permits.isEmpty() ? now : Math.max(now, permits.peekLast());
        if (permits.size() >= requests) {
            earliest = Math.max(earliest, permits.peekFirst() + windowNanos);
        }
        return earliest;
    }

    /** Takes the permit at {@code at}, which must not be before {@link #earliestPermit(long)}. */
    void take(long at) {
        if (requests <= 0) {
            return;
        }
        permits.addLast(at);
        if (permits.size() > requests) {
            permits.pollFirst();
        }
    }
}
