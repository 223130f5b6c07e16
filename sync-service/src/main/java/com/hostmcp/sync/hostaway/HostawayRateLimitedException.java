package com.hostmcp.sync.hostaway;

/** Hostaway answered 429 (another client of the account, or of our egress IP, used the window up). */
public class HostawayRateLimitedException extends HostawayUnavailableException {

    public HostawayRateLimitedException(String reason) {
        super(429, reason);
    }
}
