package com.hostmcp.billing.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.Entitlement;
import com.hostmcp.billing.EntitlementState;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The current entitlement of each organization. */
@ApplicationScoped
public class EntitlementRepository {

    private static final String COLUMNS = "organization_id, state, reason, valid_until, version, changed_at,"
            + " stripe_event_created";

    public Uni<Void> insert(SqlConnection tx, Entitlement entitlement) {
        return tx.preparedQuery("INSERT INTO billing.entitlements (organization_id, state, mcp_access, reason, valid_until,"
                + " version, changed_at, stripe_event_created) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(tuple(entitlement)).replaceWithVoid();
    }

    /** Replaces the stored entitlement by its successor (version checked, so a lost update cannot happen silently). */
    public Uni<Void> update(SqlConnection tx, Entitlement entitlement) {
        return tx.preparedQuery("UPDATE billing.entitlements SET state = $2, mcp_access = $3, reason = $4,"
                + " valid_until = $5, version = $6, changed_at = $7, stripe_event_created = $8"
                + " WHERE organization_id = $1 AND version = $6 - 1")
                .execute(tuple(entitlement))
                .invoke(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("entitlement of " + entitlement.organizationId()
                                + " is not at version " + (entitlement.version() - 1));
                    }
                })
                .replaceWithVoid();
    }

    /** Remembers that a Stripe event of this time has been seen, without a change of the entitlement itself. */
    public Uni<Void> markStripeEvent(SqlConnection tx, UUID organizationId, long created) {
        return tx.preparedQuery("UPDATE billing.entitlements SET stripe_event_created = $2 WHERE organization_id = $1"
                + " AND (stripe_event_created IS NULL OR stripe_event_created < $2)")
                .execute(Tuple.of(organizationId, created)).replaceWithVoid();
    }

    public Uni<Optional<Entitlement>> find(SqlClient client, UUID organizationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM billing.entitlements WHERE organization_id = $1")
                .execute(Tuple.of(organizationId)).map(EntitlementRepository::first);
    }

    /**
     * Organizations whose entitlement has a deadline that passed: trials and grace periods that ended, and periods of
     * subscriptions that cancel at period end.
     */
    public Uni<List<UUID>> pastDeadline(SqlClient client, Instant now, int limit) {
        return client.preparedQuery("SELECT e.organization_id FROM billing.entitlements e"
                + " WHERE e.valid_until <= $1 AND (e.state IN ('TRIAL', 'PAST_DUE') OR (e.state = 'ACTIVE' AND EXISTS ("
                + " SELECT 1 FROM billing.subscriptions s WHERE s.organization_id = e.organization_id"
                + " AND s.cancel_at_period_end AND s.current_period_end <= $1)))"
                + " ORDER BY e.valid_until LIMIT $2")
                .execute(Tuple.of(Times.column(now), limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    private static Tuple tuple(Entitlement e) {
        return Tuple.from(new Object[] { e.organizationId(), e.state().name(), e.mcpAccess(), e.reason(),
                Times.column(e.validUntil()), e.version(), Times.column(e.changedAt()), e.stripeEventCreated() });
    }

    private static Optional<Entitlement> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return Optional.empty();
        }
        Row row = iterator.next();
        return Optional.of(new Entitlement(row.getUUID("organization_id"), EntitlementState.valueOf(row.getString("state")),
                row.getString("reason"), Times.instant(row, "valid_until"), row.getLong("version"),
                Times.instant(row, "changed_at"), row.getLong("stripe_event_created")));
    }
}
