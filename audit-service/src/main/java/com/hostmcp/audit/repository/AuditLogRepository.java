package com.hostmcp.audit.repository;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.AuditEntry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class AuditLogRepository {

    public Uni<Void> insert(SqlConnection tx, AuditEntry entry) {
        return tx.preparedQuery("INSERT INTO audit.audit_log (event_id, organization_id, action, actor_type, actor_id,"
                + " source, details, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple()
                        .addString(entry.eventId())
                        .addUUID(entry.organizationId())
                        .addString(entry.action())
                        .addString(entry.actorType())
                        .addString(entry.actorId())
                        .addString(entry.source())
                        .addJsonObject(entry.details())
                        .addOffsetDateTime(entry.occurredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
