package com.hostmcp.sync;

/** How a finished sync run ended. */
public enum SyncOutcome {
    /** Listings counted and {@code ListingCountSynced} published. */
    SUCCEEDED,
    /** Hostaway refused the stored credentials; {@code HostawayCredentialsRejected} published. */
    CREDENTIALS_REJECTED,
    /** Anything else (Hostaway unavailable after retries, not connected, undecryptable credentials); see the reason. */
    FAILED
}
