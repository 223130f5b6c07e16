package com.hostmcp.billing.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.SubscriptionSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stripe subscriptions as last reported by Stripe. */
@ApplicationScoped
public class SubscriptionRepository {

    private static final String COLUMNS = "subscription_id, organization_id, customer_id, status, item_id, price_id,"
            + " quantity, cancel_at_period_end, current_period_end, canceled_at, stripe_created, state_as_of,"
            + " started_published";

    /** The organization's newest subscription (a canceled one included), if any. */
    public Uni<Optional<StoredSubscription>> current(SqlClient client, UUID organizationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM billing.subscriptions WHERE organization_id = $1"
                + " ORDER BY stripe_created DESC, subscription_id DESC LIMIT 1")
                .execute(Tuple.of(organizationId)).map(SubscriptionRepository::first);
    }

    public Uni<Optional<StoredSubscription>> find(SqlClient client, String subscriptionId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM billing.subscriptions WHERE subscription_id = $1")
                .execute(Tuple.of(subscriptionId)).map(SubscriptionRepository::first);
    }

    public Uni<Void> save(SqlConnection tx, StoredSubscription stored) {
        SubscriptionSnapshot s = stored.snapshot();
        return tx.preparedQuery("INSERT INTO billing.subscriptions (" + COLUMNS + ")"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                + " ON CONFLICT (subscription_id) DO UPDATE SET status = EXCLUDED.status, item_id = EXCLUDED.item_id,"
                + " price_id = EXCLUDED.price_id, quantity = EXCLUDED.quantity,"
                + " cancel_at_period_end = EXCLUDED.cancel_at_period_end,"
                + " current_period_end = EXCLUDED.current_period_end, canceled_at = EXCLUDED.canceled_at,"
                + " state_as_of = EXCLUDED.state_as_of, started_published = EXCLUDED.started_published,"
                + " updated_at = now()")
                .execute(Tuple.from(new Object[] { s.id(), stored.organizationId(), s.customerId(), s.status(), s.itemId(),
                        s.priceId(), s.quantity(), s.cancelAtPeriodEnd(), Times.column(s.currentPeriodEnd()),
                        Times.column(s.canceledAt()), Times.column(s.created()), stored.stateAsOf(),
                        stored.startedPublished() }))
                .replaceWithVoid();
    }

    private static Optional<StoredSubscription> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return Optional.empty();
        }
        Row row = iterator.next();
        UUID organizationId = row.getUUID("organization_id");
        SubscriptionSnapshot snapshot = new SubscriptionSnapshot(row.getString("subscription_id"),
                row.getString("customer_id"), row.getString("status"), row.getString("item_id"),
                row.getString("price_id"), row.getLong("quantity"), row.getBoolean("cancel_at_period_end"),
                Times.instant(row, "current_period_end"), Times.instant(row, "canceled_at"),
                Times.instant(row, "stripe_created"), organizationId);
        return Optional.of(new StoredSubscription(organizationId, snapshot, row.getLong("state_as_of"),
                row.getBoolean("started_published")));
    }
}
