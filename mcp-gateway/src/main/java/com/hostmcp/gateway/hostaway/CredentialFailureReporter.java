package com.hostmcp.gateway.hostaway;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Publishes {@code com.hostmcp.hostaway.HostawayCredentialsRejected.v1} to {@value #TOPIC} when Hostaway refuses an
 * organization's credentials, so that tenant-service marks them invalid. The gateway has no database (no outbox), so it
 * publishes directly with an idempotent producer; several reports for one organization are harmless (the consumer acts
 * once), so each account is reported at most once per {@code credential-failure-report-interval}.
 */
@ApplicationScoped
public class CredentialFailureReporter {

    static final String TOPIC = "hostaway.credential-failures.v1";
    static final String TYPE = "com.hostmcp.hostaway.HostawayCredentialsRejected.v1";

    private static final Logger LOG = Logger.getLogger(CredentialFailureReporter.class);
    private static final String SERVICE = "mcp-gateway";

    private final Map<String, Object> producerConfig = new HashMap<>();
    private final ObjectMapper mapper;
    private final long intervalNanos;
    private final Map<String, Long> lastReportNanos = new ConcurrentHashMap<>();
    private KafkaProducer<String, String> producer;

    CredentialFailureReporter(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            HostawayClientConfig config, ObjectMapper mapper) {
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "mcp-gateway-credential-failures-" + UUID.randomUUID());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.mapper = mapper;
        this.intervalNanos = config.credentialFailureReportInterval().toNanos();
    }

    /**
     * Reports in the background (never blocks the caller, never fails it).
     *
     * @param reason what happened, without secrets or tokens
     */
    void report(UUID organizationId, String accountId, int httpStatus, String reason) {
        long now = System.nanoTime();
        boolean due = lastReportNanos.compute(accountId,
                (id, last) -> last == null || now - last >= intervalNanos ? now : last) == now;
        if (!due) {
            return;
        }
        String event = event(organizationId, accountId, httpStatus, reason, Instant.now());
        // creating the producer and send() may block (DNS, metadata): never on the caller's event loop
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                producer().send(new ProducerRecord<>(TOPIC, organizationId.toString(), event),
                        (metadata, failure) -> {
                            if (failure != null) {
                                warnNotPublished(organizationId, failure);
                            }
                        });
            } catch (RuntimeException e) {
                warnNotPublished(organizationId, e);
            }
        });
        LOG.warnf("Hostaway rejected the credentials of organization %s (account %s): %s", organizationId, accountId,
                reason);
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    private static void warnNotPublished(UUID organizationId, Throwable failure) {
        LOG.warnf("Could not publish %s for organization %s: %s", TYPE, organizationId,
                failure.getClass().getSimpleName());
    }

    private String event(UUID organizationId, String accountId, int httpStatus, String reason, Instant at) {
        ObjectNode event = mapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("type", TYPE);
        event.put("source", "/" + SERVICE);
        event.put("subject", organizationId.toString());
        event.put("time", at.toString());
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("organizationId", organizationId.toString());
        data.put("accountId", accountId);
        data.put("httpStatus", httpStatus);
        data.put("detectedBy", SERVICE);
        data.put("reason", reason);
        data.put("detectedAt", at.toString());
        return event.toString();
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
