package com.hostmcp.gateway.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.hostmcp.gateway.GatewayTopics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads the three compacted state topics from the beginning into the projections, on one dedicated thread with a plain
 * {@link KafkaConsumer}.
 * <p>
 * The consumer assigns itself every partition (no consumer group: nothing is committed, no group is left behind on the
 * broker, no rebalance delays start-up) and seeks to the beginning, so every replica builds the complete state at every
 * start. When it first reaches the cluster it notes the end offsets of every partition; a topic is caught up once the
 * consumer's position has reached them on all its partitions (a topic that does not exist yet is caught up at once).
 * Topics and partitions that appear later are picked up by a periodic metadata lookup. Kafka being unreachable never
 * blocks start-up: the thread keeps retrying and readiness stays DOWN.
 * <p>
 * An unreadable record is skipped with a WARN naming topic, partition, offset and what is wrong, never the value or the
 * record key (a key hash, and organization values hold encrypted credentials).
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    /** Progress of one topic, as reported by the readiness check. */
    public record TopicProgress(boolean caughtUp, long records) {
    }

    private interface Applier {
        void apply(String key, String value);
    }

    private final Map<String, Object> kafkaConfig;
    private final ProjectionsConfig config;
    private final MeterRegistry registry;
    private final Map<String, Applier> appliers = new LinkedHashMap<>();
    private final Map<String, AtomicLong> recordCounts = new ConcurrentHashMap<>();
    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();

    /** End offsets seen when the cluster was first reached; only touched by the consumer thread. */
    private Map<TopicPartition, Long> startEndOffsets;
    private final Set<TopicPartition> assigned = new HashSet<>();

    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private KafkaClientMetrics metrics;
    private Thread thread;

    public ProjectionConsumer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ProjectionsConfig config, ApiKeyProjection apiKeys, OrganizationProjection organizations,
            EntitlementProjection entitlements, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.registry = registry;
        appliers.put(GatewayTopics.API_KEYS, apiKeys::apply);
        appliers.put(GatewayTopics.ORGANIZATIONS, organizations::apply);
        appliers.put(GatewayTopics.ENTITLEMENTS, entitlements::apply);
        GatewayTopics.PROJECTED.forEach(topic -> recordCounts.put(topic, new AtomicLong()));
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "gateway-projections");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                // a poll or lookup returns on wakeup(); a retry pause ends within retry-backoff
                thread.join(config.retryBackoff().toMillis() + 2_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Progress per projected topic, in {@link GatewayTopics#PROJECTED} order. */
    public Map<String, TopicProgress> progress() {
        Map<String, TopicProgress> progress = new LinkedHashMap<>();
        for (String topic : GatewayTopics.PROJECTED) {
            progress.put(topic, new TopicProgress(caughtUp.contains(topic), recordCounts.get(topic).get()));
        }
        return progress;
    }

    /** Whether every projected topic was read up to the end offsets seen at start-up. */
    public boolean caughtUp() {
        return caughtUp.containsAll(GatewayTopics.PROJECTED);
    }

    private KafkaConsumer<String, String> createConsumer() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "mcp-gateway-projections-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> created = new KafkaConsumer<>(props);
        // projection lag: kafka.consumer.fetch.manager.records.lag(.max) per partition, among the client's metrics
        metrics = new KafkaClientMetrics(created);
        metrics.bindTo(registry);
        return created;
    }

    private void run() {
        long nextMetadataLookup = 0;
        boolean failing = false;
        while (running) {
            try {
                if (consumer == null) {
                    consumer = createConsumer();
                }
                if (System.nanoTime() - nextMetadataLookup >= 0) {
                    refreshAssignment();
                    nextMetadataLookup = System.nanoTime() + config.metadataRefresh().toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(config.pollTimeout().toMillis());
                } else {
                    apply(consumer.poll(config.pollTimeout()));
                }
                updateCaughtUp();
                if (failing) {
                    LOG.info("Gateway projections reach Kafka again");
                    failing = false;
                }
            } catch (WakeupException | InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (KafkaException | IllegalStateException e) {
                if (!failing) {
                    LOG.warnf("Gateway projections cannot read Kafka, retrying: %s", e.toString());
                    failing = true;
                }
                nextMetadataLookup = 0;
                if (!pause()) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.error("Gateway projections failed unexpectedly, retrying", e);
                nextMetadataLookup = 0;
                if (!pause()) {
                    break;
                }
            }
        }
        KafkaConsumer<String, String> current = consumer;
        consumer = null;
        if (metrics != null) {
            metrics.close();
        }
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("Closing the projections consumer failed", e);
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void refreshAssignment() {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(config.requestTimeout());
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : GatewayTopics.PROJECTED) {
            for (PartitionInfo partition : topics.getOrDefault(topic, List.of())) {
                all.add(new TopicPartition(topic, partition.partition()));
            }
        }
        List<TopicPartition> added = all.stream().filter(tp -> !assigned.contains(tp)).toList();
        if (!added.isEmpty()) {
            consumer.assign(all);
            consumer.seekToBeginning(added);
            assigned.addAll(added);
        }
        if (startEndOffsets == null) {
            startEndOffsets = new HashMap<>(consumer.endOffsets(all, config.requestTimeout()));
            LOG.infof("Gateway projections reading %d partitions of %s from the beginning", all.size(),
                    GatewayTopics.PROJECTED);
        }
    }

    private void apply(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            recordCounts.get(record.topic()).incrementAndGet();
            try {
                appliers.get(record.topic()).apply(record.key(), record.value());
            } catch (MalformedRecordException e) {
                LOG.warnf("Skipping an unreadable record on %s partition %d offset %d: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
    }

    private void updateCaughtUp() {
        if (startEndOffsets == null || caughtUp.containsAll(GatewayTopics.PROJECTED)) {
            return;
        }
        for (String topic : GatewayTopics.PROJECTED) {
            if (caughtUp.contains(topic)) {
                continue;
            }
            boolean done = true;
            for (Map.Entry<TopicPartition, Long> end : startEndOffsets.entrySet()) {
                if (end.getKey().topic().equals(topic) && end.getValue() > 0
                        && consumer.position(end.getKey(), config.requestTimeout()) < end.getValue()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                caughtUp.add(topic);
                LOG.infof("Gateway projection of %s caught up (%d records)", topic, recordCounts.get(topic).get());
            }
        }
    }
}
