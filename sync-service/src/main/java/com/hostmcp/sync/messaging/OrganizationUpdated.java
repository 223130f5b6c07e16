package com.hostmcp.sync.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code com.hostmcp.tenant.OrganizationUpdated.v1} as sync-service reads it (the fields it needs; unknown ones
 * are ignored). Status is a string so that an unknown value is recognised and skipped rather than failing the record.
 */
public record OrganizationUpdated(UUID organizationId, Long version, Boolean deleted, Hostaway hostaway) {

    public static final String TYPE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    public record Hostaway(String status, String accountId, String encryptedCredentials, Instant connectedAt) {

        @Override
        public String toString() {
            return "Hostaway[" + status + ", account " + accountId + "]";
        }
    }
}
