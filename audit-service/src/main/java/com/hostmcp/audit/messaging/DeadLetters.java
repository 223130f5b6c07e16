package com.hostmcp.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Moves records that can never be stored to {@code <topic>.audit-service.dlq}, key and value unchanged, with the reason
 * in the headers SmallRye's own dead-letter queue uses. A batch consumer needs this: SmallRye's failure strategy can only
 * dead-letter a whole batch, and one unreadable record must not take the others with it.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String SUFFIX = ".audit-service.dlq";

    private final MutinyEmitter<String> emitter;

    public DeadLetters(@Channel(AuditChannels.DEAD_LETTERS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** A record and why it cannot be stored. */
    public record DeadLetter(ConsumerRecord<String, String> record, String reason) {
    }

    /** Completes once the broker has every one of them. */
    public Uni<Void> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(letters)
                .onItem().transformToUniAndConcatenate(this::sendOne)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> sendOne(DeadLetter letter) {
        ConsumerRecord<String, String> record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(letter.reason()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(String.valueOf(record.partition())));
        headers.add("dead-letter-offset", bytes(String.valueOf(record.offset())));
        var metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(record.topic() + SUFFIX)
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
