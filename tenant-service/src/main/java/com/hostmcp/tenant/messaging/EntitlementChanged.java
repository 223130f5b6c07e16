package com.hostmcp.tenant.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The part of {@code com.hostmcp.billing.EntitlementChanged.v1} (on {@link TenantChannels#ENTITLEMENTS}) that
 * tenant-service uses; other fields are ignored. {@code state} stays a string so that an unknown state can be skipped.
 */
public record EntitlementChanged(UUID organizationId, String state, String reason, Long version, Instant changedAt) {

    public static final String TYPE = "com.hostmcp.billing.EntitlementChanged.v1";
}
