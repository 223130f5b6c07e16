package com.hostmcp.gateway.hostaway;

import java.util.concurrent.atomic.AtomicInteger;

/** What one tool call did at Hostaway: HTTP requests made (retries and token requests included) and the last status. */
public final class HostawayCallStats {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile Integer lastStatus;

    /** Records one HTTP exchange; {@code status} is null when no response came (timeout, connection failure). */
    public void record(Integer status) {
        calls.incrementAndGet();
        if (status != null) {
            lastStatus = status;
        }
    }

    public int calls() {
        return calls.get();
    }

    /** The status of the last response, null when Hostaway never answered. */
    public Integer lastStatus() {
        return lastStatus;
    }
}
