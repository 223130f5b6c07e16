package com.hostmcp.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A search of one organization's audit log, newest first. Every filter is optional; {@code after} continues after the
 * last entry of the previous page.
 *
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(UUID organizationId, Instant from, Instant to, String action, Outcome outcome, UUID keyId,
        EntryKind kind, Position after, int limit) {

    /** Where a page ended: the last entry's time and key (entries are ordered by both, descending). */
    public record Position(Instant occurredAt, String entryId) {
    }
}
