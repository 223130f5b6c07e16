package com.hostmcp.sync.messaging;

/** The topics sync-service publishes to (contracts in docs/events). */
public final class SyncTopics {

    /** Successful runs' listing counts, keyed by organization id. */
    public static final String LISTING_COUNTS = "sync.listing-counts.v1";
    /** Hostaway rejected an organization's stored credentials, keyed by organization id. */
    public static final String CREDENTIAL_FAILURES = "hostaway.credential-failures.v1";

    private SyncTopics() {
    }
}
