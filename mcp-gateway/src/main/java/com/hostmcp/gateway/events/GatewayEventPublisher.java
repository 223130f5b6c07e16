package com.hostmcp.gateway.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes the gateway's events (CloudEvents JSON, key = organizationId, the W3C {@code traceparent} as the only
 * Kafka header: a content-type header would make consumers unwrap the envelope) without ever blocking a
 * request: records go into a bounded in-memory queue that one thread hands to an idempotent producer (acks=all). A
 * record whose delivery fails (Kafka unreachable beyond the delivery timeout) is queued again, never dropped; consumers
 * are idempotent on the event id. The bound is taken by a reservation before a tool runs, so a call either gets its
 * records published or is refused up front ({@link #hasCapacity()} drives HTTP 503).
 */
@ApplicationScoped
public class GatewayEventPublisher {

    private static final Logger LOG = Logger.getLogger(GatewayEventPublisher.class);
    private static final String SOURCE = "/mcp-gateway";

    private final ObjectMapper mapper;
    private final EventsConfig config;
    private final Semaphore pending;
    private final LinkedBlockingQueue<ProducerRecord<String, String>> queue = new LinkedBlockingQueue<>();
    private final KafkaProducer<String, String> producer;
    private final Thread sender;
    private final ScheduledExecutorService resender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-event-resender");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter resent;
    private volatile boolean running = true;

    public GatewayEventPublisher(ObjectMapper mapper, EventsConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.mapper = mapper;
        this.config = config;
        this.pending = new Semaphore(config.maxPending());
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, config), new StringSerializer(),
                new StringSerializer());
        this.resent = registry.counter("hostmcp.events.resent");
        Gauge.builder("hostmcp.events.pending", pending, p -> config.maxPending() - p.availablePermits())
                .description("Gateway events accepted but not yet acknowledged by Kafka").register(registry);
        this.sender = new Thread(this::sendLoop, "gateway-event-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Whether a new request can still be accepted with room for its records. */
    public boolean hasCapacity() {
        return pending.availablePermits() > 0;
    }

    /**
     * Reserves room for {@code records} records; each must then be {@link #publish published} (or the reservation
     * {@link #release released}).
     */
    public boolean tryReserve(int records) {
        return pending.tryAcquire(records);
    }

    public void release(int records) {
        pending.release(records);
    }

    /**
     * Publishes one record under a reservation taken with {@link #tryReserve}; {@code traceparent} (W3C trace context,
     * may be null) travels as a Kafka header so that consumers can continue the caller's trace.
     */
    public void publish(String topic, UUID organizationId, String type, ObjectNode data, String traceparent) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("source", SOURCE)
                .put("subject", organizationId.toString())
                .put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        var record = new ProducerRecord<>(topic, organizationId.toString(), event.toString());
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        queue.add(record);
    }

    private void sendLoop() {
        while (running) {
            ProducerRecord<String, String> record;
            try {
                record = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (record == null) {
                continue;
            }
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        pending.release();
                    } else {
                        requeue(record, failure);
                    }
                });
            } catch (RuntimeException failure) {
                requeue(record, failure);
            }
        }
    }

    private void requeue(ProducerRecord<String, String> record, Exception failure) {
        // values are never logged: they hold organization and key ids and tool arguments
        LOG.warnf("Event for topic %s not delivered (%s); sending it again", record.topic(),
                failure.getClass().getSimpleName());
        resent.increment();
        if (!running) {
            // shutting down: close() hands what is queued to the producer one last time
            queue.add(record);
            return;
        }
        try {
            resender.schedule(() -> queue.add(record), config.resendBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            queue.add(record);
        }
    }

    @PreDestroy
    void close() {
        running = false;
        sender.interrupt();
        resender.shutdownNow();
        // what is still queued is sent before the producer closes, within one delivery timeout
        long deadline = System.nanoTime() + config.deliveryTimeout().toNanos();
        ProducerRecord<String, String> record;
        while (System.nanoTime() < deadline && (record = queue.poll()) != null) {
            try {
                producer.send(record);
            } catch (RuntimeException e) {
                queue.add(record);
                break;
            }
        }
        if (!queue.isEmpty()) {
            LOG.errorf("%d gateway events could not be handed to Kafka before shutdown", queue.size());
        }
        producer.close(config.deliveryTimeout());
    }

    /** The application's Kafka settings ({@code kafka.*}: servers, security) plus what this producer needs. */
    private static Properties producerConfig(Map<String, Object> kafkaConfig, EventsConfig config) {
        var properties = new Properties();
        kafkaConfig.forEach((key, value) -> {
            // only client-level settings: the map also holds consumer and messaging keys
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                properties.put(key, value);
            }
        });
        config.bootstrapServers().ifPresent(servers -> properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "mcp-gateway-events");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int deliveryMs = (int) config.deliveryTimeout().toMillis();
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, deliveryMs / 2));
        // the sender thread may wait for metadata while Kafka is away; requests never do
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        return properties;
    }
}
