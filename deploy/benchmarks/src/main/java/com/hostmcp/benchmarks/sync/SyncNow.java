package com.hostmcp.benchmarks.sync;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.benchmarks.Stack;

/**
 * "Sync Now" as dashboard-api sends it: a SyncRequested on sync.requests.v1, keyed by organization, sent once Kafka
 * acknowledged it. One producer for all requests, so that its start-up is never part of a measured time.
 */
public final class SyncNow implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public SyncNow(Stack stack) {
        var properties = stack.kafka();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Sends the request and answers its {@code requestId} (sync-service's sync-requests/{requestId} finds the run). */
    public UUID request(UUID organization) throws InterruptedException, ExecutionException {
        UUID requestId = UUID.randomUUID();
        String now = Instant.now().toString();
        ObjectNode event = Stack.JSON.createObjectNode().put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString()).put("type", "com.hostmcp.sync.SyncRequested.v1")
                .put("source", "/dashboard-api").put("subject", organization.toString()).put("time", now)
                .put("datacontenttype", "application/json");
        event.putObject("data").put("organizationId", organization.toString()).put("requestId", requestId.toString())
                .put("requestedBy", UUID.randomUUID().toString()).put("requestedAt", now);
        producer.send(new ProducerRecord<>("sync.requests.v1", organization.toString(), event.toString())).get();
        return requestId;
    }

    @Override
    public void close() {
        producer.close();
    }
}
