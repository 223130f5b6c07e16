package com.hostmcp.billing.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.ListingCount;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The latest listing count of each organization, and what it did to the subscription quantity. */
@ApplicationScoped
public class ListingCountRepository {

    /** What a count did to the subscription quantity. */
    public enum Outcome {
        PENDING,
        UNCHANGED,
        UPDATED,
        NO_SUBSCRIPTION
    }

    /**
     * Stores the count unless a count synced later is stored already (of two synced at the same time, the later
     * delivered wins). The same run again (a redelivery) keeps its
     * outcome, so a run whose outcome is still PENDING (interrupted before it was decided) is decided again.
     *
     * @return the stored outcome of the count's run, or empty when a later count is stored
     */
    public Uni<Optional<Outcome>> record(SqlConnection tx, ListingCount count) {
        return tx.preparedQuery("INSERT INTO billing.listing_counts (organization_id, run_id, active_listings,"
                + " total_listings, synced_at, quantity_outcome) VALUES ($1, $2, $3, $4, $5, 'PENDING')"
                + " ON CONFLICT (organization_id) DO UPDATE SET run_id = EXCLUDED.run_id,"
                + " active_listings = EXCLUDED.active_listings, total_listings = EXCLUDED.total_listings,"
                + " synced_at = EXCLUDED.synced_at, received_at = now(), quantity_outcome = CASE"
                + " WHEN listing_counts.run_id = EXCLUDED.run_id THEN listing_counts.quantity_outcome ELSE 'PENDING' END"
                + " WHERE listing_counts.synced_at <= EXCLUDED.synced_at OR listing_counts.run_id = EXCLUDED.run_id"
                + " RETURNING quantity_outcome")
                .execute(Tuple.of(count.organizationId(), count.runId(), count.activeListings(), count.totalListings(),
                        Times.column(count.syncedAt())))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(Outcome.valueOf(rows.iterator().next().getString(0)))
                        : Optional.<Outcome> empty());
    }

    public Uni<Optional<ListingCount>> latest(SqlClient client, UUID organizationId) {
        return client.preparedQuery("SELECT organization_id, run_id, active_listings, total_listings, synced_at"
                + " FROM billing.listing_counts WHERE organization_id = $1")
                .execute(Tuple.of(organizationId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return Optional.empty();
                    }
                    var row = iterator.next();
                    return Optional.of(new ListingCount(row.getUUID("organization_id"), row.getUUID("run_id"),
                            row.getInteger("active_listings"), row.getInteger("total_listings"),
                            Times.instant(row, "synced_at")));
                });
    }

    /** Records the outcome of the run's count, unless a later count has replaced it meanwhile. */
    public Uni<Void> setOutcome(SqlConnection tx, UUID organizationId, UUID runId, Outcome outcome) {
        return tx.preparedQuery("UPDATE billing.listing_counts SET quantity_outcome = $3"
                + " WHERE organization_id = $1 AND run_id = $2")
                .execute(Tuple.of(organizationId, runId, outcome.name())).replaceWithVoid();
    }

    public Uni<Void> recordQuantityChange(SqlConnection tx, UUID organizationId, String subscriptionId,
            long previousQuantity, long quantity, UUID syncRunId) {
        return tx.preparedQuery("INSERT INTO billing.quantity_changes (organization_id, subscription_id,"
                + " previous_quantity, quantity, sync_run_id) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(organizationId, subscriptionId, previousQuantity, quantity, syncRunId))
                .replaceWithVoid();
    }
}
