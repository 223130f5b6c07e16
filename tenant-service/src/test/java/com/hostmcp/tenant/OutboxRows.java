package com.hostmcp.tenant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events tenant-service wrote for an organization, read from its outbox: written in the transaction of the change,
 * so they can be counted exactly, without waiting for Kafka.
 */
public final class OutboxRows {

    private final Pool pool;
    private final ObjectMapper mapper;

    public OutboxRows(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The events of {@code type} for the organization, oldest first, as JSON (payloads are whole CloudEvents). */
    public List<JsonNode> events(UUID organizationId, String type) {
        List<JsonNode> events = new ArrayList<>();
        pool.preparedQuery("SELECT payload FROM tenant.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY id")
                .execute(Tuple.of(organizationId.toString(), type)).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> events.add(parse(row.getString("payload"))));
        return events;
    }

    private JsonNode parse(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
