package com.hostmcp.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The idempotent-consumer half of at-least-once delivery: a consumer records the CloudEvents id of each event it
 * applies, in the same transaction as the effect. A redelivered event finds its id and is skipped; a failed effect rolls
 * the id back with it, so the event is applied on the next delivery.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final String insert;

    public ProcessedEvents(MessagingConfig config) {
        String schema = SchemaName.checked(config.schema());
        this.insert = "INSERT INTO " + schema + ".processed_events (consumer, event_id) VALUES ($1, $2)"
                + " ON CONFLICT (consumer, event_id) DO NOTHING";
    }

    /**
     * Claims {@code eventId} for {@code consumer} in the transaction of {@code tx}.
     *
     * @return true the first time (apply the effect), false for a redelivery (skip it)
     */
    public Uni<Boolean> claim(SqlConnection tx, String consumer, String eventId) {
        return tx.preparedQuery(insert)
                .execute(Tuple.of(consumer, eventId))
                .map(rows -> rows.rowCount() == 1);
    }
}
