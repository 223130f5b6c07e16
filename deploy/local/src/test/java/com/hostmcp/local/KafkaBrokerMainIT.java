package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link KafkaBrokerMain} as deploy/local/up runs it: a JVM of its own on free ports with a fresh data directory.
 * A record produced before a SIGTERM is still there (with the consumer group's committed offset) after a restart on
 * the same data directory.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaBrokerMainIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String TOPIC = "launcher-it";

    @Test
    void brokerServesRecordsStopsCleanlyAndKeepsThemAcrossARestart() throws Exception {
        int[] ports = TestPorts.free(2);
        int port = ports[0];
        int controllerPort = ports[1];
        Path dataDir = TestDirs.fresh("kafka-broker");
        String bootstrap = "127.0.0.1:" + port;
        String value = "record-" + UUID.randomUUID();
        String group = "launcher-it-" + UUID.randomUUID();

        try (LauncherProcess broker = startBroker(port, controllerPort, dataDir)) {
            broker.awaitLine("Kafka broker ready on 127.0.0.1:" + port, START_TIMEOUT);
            assertThat(broker.output()).contains("Formatting " + dataDir.resolve("kraft"));

            RecordMetadata written = produce(bootstrap, value);
            assertThat(written.topic()).isEqualTo(TOPIC);
            assertThat(consumeUntil(bootstrap, group, value, true)).containsExactly(value);

            assertStopsCleanly(broker);
        }
        assertThat(TestPorts.accepts(port)).as("broker port %d after the stop", port).isFalse();
        assertThat(TestPorts.accepts(controllerPort)).as("controller port %d after the stop", controllerPort).isFalse();
        assertThat(dataDir.resolve("kraft/meta.properties")).exists();
        assertThat(dataDir.resolve("server.properties")).exists();

        try (LauncherProcess broker = startBroker(port, controllerPort, dataDir)) {
            broker.awaitLine("Kafka broker ready on 127.0.0.1:" + port, START_TIMEOUT);
            assertThat(broker.output()).contains("Using the existing Kafka data in " + dataDir.resolve("kraft"))
                    .doesNotContain("Formatting");

            // the record, read by a new group from the beginning ...
            assertThat(consumeUntil(bootstrap, "launcher-it-" + UUID.randomUUID(), value, false))
                    .containsExactly(value);
            // ... and the first group's committed offset (the __consumer_offsets topic) survived too
            assertThat(committedOffsets(bootstrap, group)).isEqualTo(1L);

            assertStopsCleanly(broker);
        }
    }

    @Test
    void aBusyPortIsAClearErrorAndExitCodeOne() throws Exception {
        Path dataDir = TestDirs.fresh("kafka-busy-port");
        try (ServerSocket busy = TestPorts.occupy();
                LauncherProcess broker = startBroker(busy.getLocalPort(), TestPorts.free(), dataDir)) {
            assertThat(broker.awaitExit(Duration.ofSeconds(60))).as(broker.output()).isEqualTo(1);
            assertThat(broker.output()).contains("ERROR: port " + busy.getLocalPort()
                    + " (Kafka broker) is already in use on 127.0.0.1");
        }
        try (ServerSocket busy = TestPorts.occupy();
                LauncherProcess broker = startBroker(TestPorts.free(), busy.getLocalPort(), dataDir)) {
            assertThat(broker.awaitExit(Duration.ofSeconds(60))).as(broker.output()).isEqualTo(1);
            assertThat(broker.output()).contains("ERROR: port " + busy.getLocalPort()
                    + " (Kafka controller) is already in use on 127.0.0.1");
        }
    }

    private static LauncherProcess startBroker(int port, int controllerPort, Path dataDir) {
        return LauncherProcess.start("KafkaBrokerMain", List.of("-Xmx512m"), KafkaBrokerMain.class,
                "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort),
                "--data-dir", dataDir.toString());
    }

    /** SIGTERM: the shutdown hook stops the broker, logs it, and the JVM ends with 143 (128 + SIGTERM). */
    private static void assertStopsCleanly(LauncherProcess broker) {
        int exitCode = broker.stop(STOP_TIMEOUT);
        assertThat(exitCode).as("exit code after SIGTERM; output:%n%s", broker.output())
                .isEqualTo(LauncherProcess.EXIT_AFTER_SIGTERM);
        assertThat(broker.output()).contains("Stopping the Kafka broker...", "Kafka broker stopped")
                .doesNotContain("ERROR");
    }

    private static RecordMetadata produce(String bootstrap, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(TOPIC, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic from the beginning until {@code expected} shows up (or 30 s pass); returns what it read. */
    private static List<String> consumeUntil(String bootstrap, String group, String expected, boolean commit) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            // assigned rather than subscribed: no group rebalance to wait for; commits still go to the group
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            assertThat(partitions).as("partitions of the auto-created topic").hasSize(3);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!values.contains(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            if (commit) {
                consumer.commitSync(Duration.ofSeconds(30));
            }
        }
        return values;
    }

    /** Sum of the committed offsets of the group over the topic's partitions. */
    private static long committedOffsets(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(TOPIC))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }

}
