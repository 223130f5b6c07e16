package com.hostmcp.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

class KafkaTestBrokerTest {

    @Test
    void recordsRoundTripThroughTheRealBrokerWithKeysKeptInPartitionOrder() {
        String servers = KafkaTestBroker.bootstrapServers();
        assertThat(KafkaTestBroker.bootstrapServers()).isEqualTo(servers);
        String topic = "broker-test-" + UUID.randomUUID();
        try (KafkaCompanion kafka = new KafkaCompanion(servers)) {
            kafka.produceStrings().fromRecords(
                    new ProducerRecord<>(topic, "k", "1"),
                    new ProducerRecord<>(topic, "k", "2"),
                    new ProducerRecord<>(topic, "k", "3")).awaitCompletion();

            var records = kafka.consumeStrings().fromTopics(topic, 3).awaitCompletion(Duration.ofSeconds(30))
                    .getRecords();
            assertThat(records).extracting(r -> r.value()).containsExactly("1", "2", "3");
            assertThat(kafka.topics().describe(topic).get(topic).partitions()).hasSize(3);
        }
    }
}
