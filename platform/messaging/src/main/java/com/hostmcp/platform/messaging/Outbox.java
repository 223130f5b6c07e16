package com.hostmcp.platform.messaging;

import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records events in the service's outbox table inside the caller's transaction, so that a state change and its events
 * commit or roll back together. {@link OutboxRelay} publishes them after the commit.
 */
@ApplicationScoped
public class Outbox {

    private final CloudEventCodec codec;
    private final String insert;

    public Outbox(CloudEventCodec codec, MessagingConfig config) {
        this.codec = codec;
        String schema = SchemaName.checked(config.schema());
        this.insert = "INSERT INTO " + schema + ".outbox (event_id, topic, message_key, event_type, payload)"
                + " VALUES ($1, $2, $3, $4, $5)";
    }

    /** Appends an event for {@code topic} with the given record key, in the transaction of {@code tx}. */
    public Uni<Void> append(SqlConnection tx, String topic, String key, CloudEvent event) {
        Objects.requireNonNull(event, "event");
        return write(tx, topic, key, event.id(), event.type(), codec.encode(event));
    }

    /**
     * Appends a tombstone (null value) for {@code key} on a compacted topic: consumers delete what they hold for that
     * key. The row still gets an id of its own for diagnosis.
     */
    public Uni<Void> appendTombstone(SqlConnection tx, String topic, String key) {
        return write(tx, topic, Objects.requireNonNull(key, "key"), java.util.UUID.randomUUID().toString(), null, null);
    }

    private Uni<Void> write(SqlConnection tx, String topic, String key, String eventId, String type, String payload) {
        Objects.requireNonNull(topic, "topic");
        return tx.preparedQuery(insert)
                .execute(Tuple.of(java.util.UUID.fromString(eventId), topic, key, type, payload))
                .replaceWithVoid();
    }
}
