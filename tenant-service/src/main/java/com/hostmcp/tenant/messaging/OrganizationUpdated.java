package com.hostmcp.tenant.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code com.hostmcp.tenant.OrganizationUpdated.v1}: the full current state of one organization on the compacted
 * {@link TenantTopics#ORGANIZATIONS} topic.
 */
public record OrganizationUpdated(UUID organizationId, String name, long version, boolean deleted, Hostaway hostaway,
        Instant updatedAt) {

    public static final String TYPE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    /** The organization's Hostaway connection; the secret only ever travels encrypted. */
    public record Hostaway(Status status, String accountId, String encryptedCredentials, String invalidReason,
            Instant invalidSince, Instant connectedAt) {

        public enum Status {
            NOT_CONNECTED,
            CONNECTED,
            INVALID
        }

        public static Hostaway notConnected() {
            return new Hostaway(Status.NOT_CONNECTED, null, null, null, null, null);
        }
    }
}
