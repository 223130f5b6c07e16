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

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper mapper;
    private final long intervalNanos;
    private final Map<String, Long> lastReportNanos = new ConcurrentHashMap<>();

    CredentialFailureReporter(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            HostawayClientConfig config, ObjectMapper mapper) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "mcp-gateway-credential-failures-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
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
        Infrastructure.getDefaultWorkerPool().execute(() -> producer.send(
                new ProducerRecord<>(TOPIC, organizationId.toString(), event), (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warnf("Could not publish %s for organization %s: %s", TYPE, organizationId,
                                failure.getClass().getSimpleName());
                    }
                }));
        LOG.warnf("Hostaway rejected the credentials of organization %s (account %s): %s", organizationId, accountId,
                reason);
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
    void close() {
        producer.close();
    }
}
