package com.hostmcp.audit.repository;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The two kinds of transaction of audit-service. Reads for the internal API run {@link #inOrganization}: as the role
 * {@code audit_reader} with the organization set, so row-level security limits every statement to that organization.
 * Ingestion and maintenance run {@link #asService} under the service's own role.
 */
@ApplicationScoped
public class AuditTransactions {

    private final Pool pool;

    public AuditTransactions(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inOrganization(UUID organizationId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(tx -> tx.query("SET LOCAL ROLE audit_reader").execute()
                .chain(() -> tx.preparedQuery("SELECT set_config('app.organization_id', $1, true)")
                        .execute(Tuple.of(organizationId.toString())))
                .chain(() -> work.apply(tx)));
    }

    public <T> Uni<T> asService(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }
}
