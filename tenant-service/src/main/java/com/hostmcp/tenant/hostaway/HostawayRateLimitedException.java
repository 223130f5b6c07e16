package com.hostmcp.tenant.hostaway;

/** Hostaway answered 429: retrying at once would only prolong it, so this one is not retried. */
public class HostawayRateLimitedException extends HostawayUnavailableException {

    public HostawayRateLimitedException(String reason, int retryAfterSeconds) {
        super(reason, retryAfterSeconds);
    }
}
