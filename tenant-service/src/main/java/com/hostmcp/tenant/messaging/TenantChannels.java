package com.hostmcp.tenant.messaging;

/** The incoming channels of tenant-service (configured under "Consumers" in application.properties). */
public final class TenantChannels {

    /** billing.entitlements.v1: each organization's entitlement snapshot. */
    public static final String ENTITLEMENTS = "entitlements";
    /** mcp.usage.v1: one metering record per tool call, consumed in batches for keys' last use. */
    public static final String USAGE = "usage";
    /** hostaway.credential-failures.v1: Hostaway rejected an organization's stored credentials. */
    public static final String CREDENTIAL_FAILURES = "credential-failures";

    private TenantChannels() {
    }
}
