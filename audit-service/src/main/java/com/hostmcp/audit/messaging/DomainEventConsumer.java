package com.hostmcp.audit.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.audit.service.AuditIngestion;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Domain events of tenant-service, billing-service and sync-service into the audit trail, a poll at a time. Each batch
 * is acknowledged after its commit (at least once); the log's key makes redeliveries harmless. Transient failures are
 * retried with backoff; unreadable records go to their topic's dead-letter topic without holding back the others.
 */
@ApplicationScoped
public class DomainEventConsumer {

    private final AuditIngestion ingestion;

    public DomainEventConsumer(AuditIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Incoming(AuditChannels.TENANT_EVENTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onTenantEvents(ConsumerRecords<String, String> records) {
        return ingestion.ingest(AuditChannels.TENANT_EVENTS, records);
    }

    @Incoming(AuditChannels.BILLING_EVENTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onBillingEvents(ConsumerRecords<String, String> records) {
        return ingestion.ingest(AuditChannels.BILLING_EVENTS, records);
    }

    @Incoming(AuditChannels.LISTING_COUNTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onListingCounts(ConsumerRecords<String, String> records) {
        return ingestion.ingest(AuditChannels.LISTING_COUNTS, records);
    }
}
