package com.hostmcp.audit.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.audit.AuditEntry;
import com.hostmcp.audit.repository.AuditLogRepository;
import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class AuditService {

    /** The name under which this consumer claims event ids. */
    static final String DOMAIN_EVENT_CONSUMER = "audit-log";

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    private final Pool pool;
    private final ProcessedEvents processed;
    private final AuditLogRepository auditLog;

    public AuditService(Pool pool, ProcessedEvents processed, AuditLogRepository auditLog) {
        this.pool = pool;
        this.processed = processed;
        this.auditLog = auditLog;
    }

    /** Stores a domain event once, however often it is delivered. */
    public Uni<Void> recordDomainEvent(CloudEvent event) {
        AuditEntry entry = toEntry(event);
        return pool.withTransaction(tx -> processed.claim(tx, DOMAIN_EVENT_CONSUMER, event.id())
                .flatMap(first -> {
                    if (!first) {
                        LOG.debugf("Event %s was already recorded; redelivery skipped", event.id());
                        return Uni.createFrom().voidItem();
                    }
                    return auditLog.insert(tx, entry);
                }));
    }

    private static AuditEntry toEntry(CloudEvent event) {
        UUID organizationId;
        try {
            organizationId = UUID.fromString(event.subject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("event " + event.id() + " has no organization id as subject");
        }
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("event " + event.id() + " has no data object");
        }
        JsonNode actor = data.path("actor");
        return new AuditEntry(event.id(), organizationId, event.type(), text(actor.path("type")), text(actor.path("id")),
                event.source(), new JsonObject(data.toString()),
                event.time() != null ? event.time().toInstant() : Instant.now());
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
