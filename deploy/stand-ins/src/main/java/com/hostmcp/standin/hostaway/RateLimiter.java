package com.hostmcp.standin.hostaway;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/** Sliding-window request counters (one log of timestamps per key). Refused requests are not recorded. */
final class RateLimiter {

    private final ConcurrentHashMap<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();

    boolean tryAcquire(String key, int limit, long windowMillis, long nowMillis) {
        if (limit <= 0) {
            return true;
        }
        ArrayDeque<Long> log = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && log.peekFirst() <= nowMillis - windowMillis) {
                log.pollFirst();
            }
            if (log.size() >= limit) {
                return false;
            }
            log.addLast(nowMillis);
            return true;
        }
    }

    void clear() {
        windows.clear();
    }
}
