package com.hostmcp.audit.messaging;

/** Channel names of audit-service's consumers (topics are mapped in application.properties). */
public final class AuditChannels {

    public static final String TOOL_INVOCATIONS = "tool-invocations";
    public static final String USAGE = "usage";
    public static final String TENANT_EVENTS = "tenant-events";
    public static final String BILLING_EVENTS = "billing-events";
    public static final String LISTING_COUNTS = "listing-counts";
    /** Outgoing: records that can never be read, each to {@code <its topic>.audit-service.dlq}. */
    public static final String DEAD_LETTERS = "dead-letters";

    private AuditChannels() {
    }
}
