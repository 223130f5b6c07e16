package com.hostmcp.tenant.apikey;

import java.time.Instant;
import java.util.UUID;

import com.hostmcp.tenant.messaging.TenantEventData.RevokeReason;

/** A stored API key: never the key itself, only its hash and what the dashboard may show. */
public record ApiKey(UUID id, UUID organizationId, String name, String keyHash, String displayHint, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt, RevokeReason revokeReason) {

    public enum Status {
        ACTIVE,
        REVOKED
    }

    public Status status() {
        return revokedAt == null ? Status.ACTIVE : Status.REVOKED;
    }
}
