package com.hostmcp.dashboard.messaging;

/** The messaging channels of dashboard-api (application.properties maps each to its topic). */
public final class DashboardChannels {

    /** Sync Now commands: {@code sync.requests.v1}, key = organizationId, read by sync-service. */
    public static final String SYNC_REQUESTS = "sync-requests";

    private DashboardChannels() {
    }
}
