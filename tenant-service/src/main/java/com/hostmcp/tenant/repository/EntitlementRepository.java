package com.hostmcp.tenant.repository;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.Entitlement;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** tenant-service's copy of the organizations' entitlements; written by the entitlement consumer only. */
@ApplicationScoped
public class EntitlementRepository {

    /** The stored entitlement, locked until the end of the transaction so that its successor is decided once. */
    public Uni<Optional<Entitlement>> findForUpdate(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT organization_id, state, version, changed_at FROM tenant.organization_entitlements"
                + " WHERE organization_id = $1 FOR UPDATE")
                .execute(Tuple.of(organizationId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return Optional.empty();
                    }
                    var row = iterator.next();
                    return Optional.of(new Entitlement(row.getUUID("organization_id"),
                            Entitlement.State.valueOf(row.getString("state")), row.getLong("version"),
                            row.getOffsetDateTime("changed_at").toInstant()));
                });
    }

    /**
     * Stores {@code entitlement} unless a snapshot with the same or a higher version is already stored.
     *
     * @return whether it was stored
     */
    public Uni<Boolean> saveIfNewer(SqlConnection tx, Entitlement entitlement) {
        return tx.preparedQuery("INSERT INTO tenant.organization_entitlements (organization_id, state, version, changed_at)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id) DO UPDATE"
                + " SET state = EXCLUDED.state, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at"
                + " WHERE organization_entitlements.version < EXCLUDED.version")
                .execute(Tuple.of(entitlement.organizationId(), entitlement.state().name(), entitlement.version(),
                        entitlement.changedAt().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }
}
