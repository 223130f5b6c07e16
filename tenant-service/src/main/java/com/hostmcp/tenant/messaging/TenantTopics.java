package com.hostmcp.tenant.messaging;

/** The topics tenant-service publishes to (contracts in docs/events). */
public final class TenantTopics {

    /** Compacted: the latest state of each organization, keyed by organization id. */
    public static final String ORGANIZATIONS = "tenant.organizations.v1";
    /** Compacted: active API keys keyed by key hash; a tombstone revokes. */
    public static final String API_KEYS = "tenant.api-keys.v1";
    /** Domain events keyed by organization id. */
    public static final String EVENTS = "tenant.events.v1";

    private TenantTopics() {
    }
}
