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
 * The gateway's two records of every tool call, a poll at a time (up to {@code max.poll.records}) in one multi-row
 * insert. ToolInvoked and UsageRecorded of one call are one audit entry, counted once in the rollups, whichever arrives
 * first. Acknowledged after the commit; a batch still failing after its retries is dead-lettered record by record.
 */
@ApplicationScoped
public class InvocationConsumer {

    private final AuditIngestion ingestion;

    public InvocationConsumer(AuditIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Incoming(AuditChannels.TOOL_INVOCATIONS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onToolInvocations(ConsumerRecords<String, String> records) {
        return ingestion.ingest(AuditChannels.TOOL_INVOCATIONS, records);
    }

    @Incoming(AuditChannels.USAGE)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onUsage(ConsumerRecords<String, String> records) {
        return ingestion.ingest(AuditChannels.USAGE, records);
    }
}
