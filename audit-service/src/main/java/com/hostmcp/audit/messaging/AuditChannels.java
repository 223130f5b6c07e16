package com.hostmcp.audit.messaging;

/** Channel names of audit-service's consumers (topics are mapped in application.properties). */
public final class AuditChannels {

    public static final String TENANT_EVENTS = "tenant-events";

    private AuditChannels() {
    }
}
