package com.hostmcp.dashboard.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hostmcp.dashboard.service.DependencyUnavailableException;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes Sync Now commands on {@code sync.requests.v1} (key = organizationId) and answers once Kafka has them, so
 * that a 202 means the request will be served. The value is the event alone: no headers (a content-type header would
 * make SmallRye consumers unwrap the envelope and lose the event id).
 */
@ApplicationScoped
public class SyncRequestPublisher {

    /** Longer than the producer's own delivery timeout, which normally fails first. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    public SyncRequestPublisher(@Channel(DashboardChannels.SYNC_REQUESTS) MutinyEmitter<String> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        // times in events are RFC 3339 strings whatever the application's mapper defaults are
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Publishes the request; fails with {@link DependencyUnavailableException} when Kafka does not take it. */
    public Uni<SyncRequested> publish(UUID organizationId, UUID requestId, String requestedBy) {
        SyncRequested event = SyncRequested.of(organizationId, requestId, requestedBy);
        Message<String> message = Message.of(encode(event)).addMetadata(
                OutgoingKafkaRecordMetadata.<String> builder().withKey(organizationId.toString()).build());
        return emitter.sendMessage(message)
                .ifNoItem().after(ACK_TIMEOUT).fail()
                .onFailure().transform(failure -> new DependencyUnavailableException(
                        "the sync request could not be queued; retry in a few seconds", failure))
                .replaceWith(event);
    }

    private String encode(SyncRequested event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SyncRequested is plain data", e);
        }
    }
}
