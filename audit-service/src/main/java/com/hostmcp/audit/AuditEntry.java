package com.hostmcp.audit;

import java.time.Instant;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/** One line of an organization's audit trail: who did what, and when it happened. */
public record AuditEntry(String eventId, UUID organizationId, String action, String actorType, String actorId,
        String source, JsonObject details, Instant occurredAt) {
}
