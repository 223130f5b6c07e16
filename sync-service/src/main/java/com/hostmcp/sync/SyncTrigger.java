package com.hostmcp.sync;

/**
 * Why a sync run was started. The names are those of {@code ListingCountSynced.trigger} in the event contract, so the run
 * record, the API and the event say the same thing.
 */
public enum SyncTrigger {
    /** The daily schedule. */
    SCHEDULED(1),
    /** "Sync Now" from the dashboard ({@code SyncRequested}). */
    ON_DEMAND(0),
    /** Credentials were connected or replaced. */
    CREDENTIALS_CONNECTED(0);

    private final int priority;

    SyncTrigger(int priority) {
        this.priority = priority;
    }

    /** Lower runs first: someone is waiting for Sync Now and for new credentials, nobody for the nightly batch. */
    public int priority() {
        return priority;
    }
}
