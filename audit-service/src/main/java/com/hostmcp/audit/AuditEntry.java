package com.hostmcp.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an organization's audit trail: who did what, when, and how it ended.
 *
 * @param entryId the idempotency key: a tool call's invocationId, a domain event's CloudEvents id
 * @param occurredAt the event's own time (a call's start), which also chooses the monthly partition
 * @param details JSON text: a call's redacted arguments and transport details, or a domain event's data
 * @param complete false for a tool call known only from its metering record (UsageRecorded)
 */
public record AuditEntry(String entryId, Instant occurredAt, UUID organizationId, EntryKind kind, String action,
        String actorType, String actorId, UUID keyId, Outcome outcome, String errorType, String errorMessage,
        Integer latencyMs, String source, String eventId, String correlationId, String causationId, String traceId,
        String mcpSessionId, String details, boolean complete) {
}
