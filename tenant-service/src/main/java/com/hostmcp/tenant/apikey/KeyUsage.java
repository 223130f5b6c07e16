package com.hostmcp.tenant.apikey;

import java.time.Instant;
import java.util.UUID;

/** The latest use of one key seen in a batch of usage records. */
public record KeyUsage(UUID keyId, UUID organizationId, Instant lastUsedAt) {
}
