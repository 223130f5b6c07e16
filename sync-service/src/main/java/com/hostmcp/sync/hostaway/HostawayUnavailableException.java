package com.hostmcp.sync.hostaway;

/**
 * Hostaway could not answer: unreachable, too slow, failing (5xx) or rate limited. Retried within the rate limits; a run
 * still failing is recorded as FAILED with this reason.
 */
public class HostawayUnavailableException extends RuntimeException {

    /** 0 when no HTTP answer came (connection failure, timeout, unreadable body). */
    private final int httpStatus;

    public HostawayUnavailableException(int httpStatus, String reason) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
