package com.hostmcp.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * An organization's stored Hostaway connection. The secret is only held as Tink ciphertext bound to the organization
 * id; nothing in this record is secret in clear.
 */
public record HostawayCredentials(UUID organizationId, String accountId, byte[] secretCiphertext, Status status,
        String invalidReason, Instant invalidSince, Instant connectedAt, Instant updatedAt) {

    public enum Status {
        CONNECTED,
        INVALID
    }
}
