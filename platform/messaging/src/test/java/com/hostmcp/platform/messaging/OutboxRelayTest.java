package com.hostmcp.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    CloudEventCodec codec;
    @Inject
    MessagingConfig config;

    KafkaCompanion kafka;
    String topic;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
        topic = "outbox-test-" + UUID.randomUUID();
        // rows left unsent by another test must not leak into this one
        relay.relayPending();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void committedEventIsPublishedOnceWithKeyAndMarkedSent() {
        CloudEvent event = event("org-1", 1);
        pool.withTransaction(tx -> outbox.append(tx, topic, "org-1", event)).await().indefinitely();

        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(relay.relayPending()).isZero();

        List<ConsumerRecord<String, String>> records = consume(1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("org-1");
        CloudEvent received = codec.decode(records.get(0).value());
        assertThat(received.id()).isEqualTo(event.id());
        assertThat(received.data().get("seq").asInt()).isEqualTo(1);
        // a content-type header would make SmallRye consumers unwrap the envelope and drop its id
        assertThat(records.get(0).headers().toArray()).isEmpty();
        assertThat(unsentRows()).isZero();
        assertThat(noMoreRecordsAfter(1)).isTrue();
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        Uni<Void> failing = pool.withTransaction(tx -> outbox.append(tx, topic, "org-1", event("org-1", 1))
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("business rule broken"))));
        try {
            failing.await().indefinitely();
        } catch (IllegalStateException expected) {
            // the state change failed, so its event must not exist
        }
        assertThat(relay.relayPending()).isZero();
        assertThat(unsentRows()).isZero();
    }

    @Test
    void eventsOfOneKeyArriveInTheOrderTheyWereWritten() {
        for (int i = 0; i < 60; i++) {
            int seq = i;
            String key = i % 2 == 0 ? "org-even" : "org-odd";
            pool.withTransaction(tx -> outbox.append(tx, topic, key, event(key, seq))).await().indefinitely();
        }
        relay.relayPending();

        List<ConsumerRecord<String, String>> records = consume(60);
        assertThat(sequenceOf(records, "org-even")).isSorted().hasSize(30);
        assertThat(sequenceOf(records, "org-odd")).isSorted().hasSize(30);
    }

    @Test
    void unsentRowsSurviveARelayThatCannotReachKafkaAndGoOutInOrderAfterRestart() {
        for (int i = 0; i < 5; i++) {
            int seq = i;
            pool.withTransaction(tx -> outbox.append(tx, topic, "org-1", event("org-1", seq))).await().indefinitely();
        }
        OutboxRelay broken = new OutboxRelay(pool, config, new SimpleMeterRegistry(), unreachableProducer());
        try {
            assertThat(broken.relayPending()).isZero();
        } finally {
            broken.close();
        }
        assertThat(unsentRows()).isEqualTo(5);

        // a fresh relay, as after a restart, publishes what the broken one could not
        assertThat(relay.relayPending()).isEqualTo(5);
        assertThat(sequenceOf(consume(5), "org-1")).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void tombstoneIsPublishedAsNullValue() {
        pool.withTransaction(tx -> outbox.appendTombstone(tx, topic, "key-hash-1")).await().indefinitely();
        relay.relayPending();

        List<ConsumerRecord<String, String>> records = consume(1);
        assertThat(records.get(0).key()).isEqualTo("key-hash-1");
        assertThat(records.get(0).value()).isNull();
    }

    @Test
    void twoRelaysRunningTogetherPublishEachRowOnce() {
        for (int i = 0; i < 300; i++) {
            int seq = i;
            pool.withTransaction(tx -> outbox.append(tx, topic, "org-1", event("org-1", seq))).await().indefinitely();
        }
        OutboxRelay second = new OutboxRelay(pool, config, new SimpleMeterRegistry(),
                new KafkaProducer<>(producerProps(KafkaTestBroker.bootstrapServers())));
        AtomicInteger published = new AtomicInteger();
        try {
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20; i++) {
                    published.addAndGet(relay.relayPending());
                }
            });
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20; i++) {
                    published.addAndGet(second.relayPending());
                }
            });
            CompletableFuture.allOf(a, b).join();
            published.addAndGet(relay.relayPending());
        } finally {
            second.close();
        }
        assertThat(published.get()).isEqualTo(300);
        List<Integer> sequence = sequenceOf(consume(300), "org-1");
        assertThat(sequence).hasSize(300).isSorted().doesNotHaveDuplicates();
        assertThat(noMoreRecordsAfter(300)).isTrue();
    }

    @Test
    void purgeDeletesOnlySentRowsOlderThanTheRetention() {
        for (int i = 0; i < 3; i++) {
            int seq = i;
            pool.withTransaction(tx -> outbox.append(tx, topic, "org-1", event("org-1", seq))).await().indefinitely();
        }
        relay.relayPending();
        // one sent row is past the retention (7 days), one is recent, and one new row is not sent yet
        pool.query("UPDATE " + config.schema() + ".outbox SET published_at = now() - interval '8 days' WHERE id = "
                + "(SELECT min(id) FROM " + config.schema() + ".outbox WHERE topic = '" + topic + "')")
                .execute().await().indefinitely();
        pool.withTransaction(tx -> outbox.append(tx, topic, "org-1", event("org-1", 3))).await().indefinitely();

        relay.purgeSent();

        assertThat(rowsOfTopic()).isEqualTo(3);
        assertThat(unsentRows()).isEqualTo(1);
    }

    private long rowsOfTopic() {
        return pool.query("SELECT count(*) FROM " + config.schema() + ".outbox WHERE topic = '" + topic + "'")
                .execute().await().indefinitely().iterator().next().getLong(0);
    }

    private CloudEvent event(String subject, int seq) {
        return CloudEvent.create("com.hostmcp.test.Happened.v1", "/messaging-test", subject,
                JsonNodeFactory.instance.objectNode().put("seq", seq));
    }

    private List<ConsumerRecord<String, String>> consume(int count) {
        return kafka.consumeStrings().fromTopics(topic, count).awaitCompletion(Duration.ofSeconds(30)).getRecords();
    }

    private boolean noMoreRecordsAfter(int count) {
        // consume one more than expected for a short while: a duplicate would show up here
        var task = kafka.consumeStrings().fromTopics(topic, count + 1);
        try {
            task.awaitCompletion(Duration.ofSeconds(2));
            return false;
        } catch (AssertionError timeout) {
            return task.count() == count;
        } finally {
            task.stop();
        }
    }

    private List<Integer> sequenceOf(List<ConsumerRecord<String, String>> records, String key) {
        List<Integer> sequence = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (key.equals(record.key())) {
                sequence.add(codec.decode(record.value()).data().get("seq").asInt());
            }
        }
        return sequence;
    }

    private long unsentRows() {
        return pool.query("SELECT count(*) FROM " + config.schema() + ".outbox WHERE published_at IS NULL "
                + "AND topic = '" + topic + "'").execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static KafkaProducer<String, String> unreachableProducer() {
        Properties props = producerProps("127.0.0.1:1");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        return new KafkaProducer<>(props);
    }

    private static Properties producerProps(String servers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }
}
