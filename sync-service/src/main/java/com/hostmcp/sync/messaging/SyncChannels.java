package com.hostmcp.sync.messaging;

/** The incoming channels of sync-service (configured under "Consumers" in application.properties). */
public final class SyncChannels {

    /** tenant.organizations.v1: each organization's latest snapshot, with its Hostaway credentials (encrypted). */
    public static final String ORGANIZATIONS = "organizations";
    /** sync.requests.v1: "Sync Now" from the dashboard. */
    public static final String SYNC_REQUESTS = "sync-requests";

    private SyncChannels() {
    }
}
