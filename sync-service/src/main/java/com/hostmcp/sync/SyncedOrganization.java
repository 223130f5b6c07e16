package com.hostmcp.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * What sync-service knows about an organization, projected from its latest {@code OrganizationUpdated} snapshot. The
 * secret is held only as the ciphertext of the snapshot, and only while the credentials are connected.
 */
public record SyncedOrganization(UUID organizationId, long version, boolean deleted, HostawayStatus hostawayStatus,
        String accountId, String encryptedCredentials, Instant connectedAt) {

    public enum HostawayStatus {
        NOT_CONNECTED,
        CONNECTED,
        INVALID
    }

    /** Whether a sync can run: not deleted and credentials connected. */
    public boolean syncable() {
        return !deleted && hostawayStatus == HostawayStatus.CONNECTED && encryptedCredentials != null;
    }

    @Override
    public String toString() {
        // the ciphertext stays out of logs too
        return "SyncedOrganization[" + organizationId + ", v" + version + ", " + hostawayStatus + ", account "
                + accountId + (deleted ? ", deleted" : "") + "]";
    }
}
