package com.hostmcp.billing.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The Stripe events already processed: claimed first, in the transaction of their effect. */
@ApplicationScoped
public class StripeEventRepository {

    /**
     * Claims the event id in {@code tx}. Two concurrent deliveries of one event serialize on the primary key: the second
     * waits for the first transaction and then finds the id taken (or, if the first rolled back, claims it).
     *
     * @return true the first time (apply the effect), false for a redelivery
     */
    public Uni<Boolean> claim(SqlConnection tx, String eventId, String type, Instant created) {
        return tx.preparedQuery("INSERT INTO billing.stripe_events (event_id, type, stripe_created, outcome)"
                + " VALUES ($1, $2, $3, 'PROCESSING') ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(eventId, type, Times.column(created)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** What the event did, for diagnosis (APPLIED, STALE, IGNORED, UNKNOWN_ORGANIZATION...). */
    public Uni<Void> setOutcome(SqlConnection tx, String eventId, String outcome) {
        return tx.preparedQuery("UPDATE billing.stripe_events SET outcome = $2 WHERE event_id = $1")
                .execute(Tuple.of(eventId, outcome)).replaceWithVoid();
    }
}
