package com.hostmcp.testsupport.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * One real single-node KRaft Kafka broker per test JVM, started on first use and closed when the JVM exits. When
 * {@code KAFKA_BOOTSTRAP_SERVERS} is set, that cluster is used instead and nothing is started.
 */
public final class KafkaTestBroker {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    private static final Logger LOG = Logger.getLogger(KafkaTestBroker.class);

    private static String bootstrapServers;

    private KafkaTestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = fromEnvironmentOrStart();
        }
        return bootstrapServers;
    }

    private static String fromEnvironmentOrStart() {
        String fromEnv = System.getenv(BOOTSTRAP_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            LOG.infof("Using the Kafka cluster at %s (from %s)", fromEnv, BOOTSTRAP_ENV);
            return fromEnv;
        }
        quietBrokerLogs();
        long started = System.nanoTime();
        int kafkaPort = freePort();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(freePort())
                .withClusterId(UUID.randomUUID().toString().replace("-", "").substring(0, 22))
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("num.partitions", "3");
                    props.put("auto.create.topics.enable", "true");
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-test-broker-stop"));
        String servers = broker.getAdvertisedListeners();
        LOG.infof("Started a real KRaft Kafka broker at %s in %d ms", servers, (System.nanoTime() - started) / 1_000_000);
        return servers;
    }

    /** The broker logs every partition it creates at INFO; test output should show the tests instead. */
    private static void quietBrokerLogs() {
        for (String category : new String[] { "kafka", "org.apache.kafka", "state.change.logger",
                "io.smallrye.reactive.messaging.kafka.companion" }) {
            java.util.logging.Logger.getLogger(category).setLevel(java.util.logging.Level.WARNING);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the test Kafka broker", e);
        }
    }
}
