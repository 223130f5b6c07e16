package com.hostmcp.audit;

import java.time.Instant;

/** An entry as the log holds it: with the time audit-service stored it. */
public record StoredEntry(AuditEntry entry, Instant receivedAt) {
}
