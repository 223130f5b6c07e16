package com.hostmcp.audit.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.audit.service.AuditService;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Domain events into the audit trail. Acknowledged only after the database commit (at least once); duplicates are
 * skipped by the service. Transient failures are retried with backoff; a record that can never be read goes to the
 * dead-letter topic instead of blocking its partition.
 */
@ApplicationScoped
public class DomainEventConsumer {

    private final AuditService audit;
    private final CloudEventCodec codec;

    public DomainEventConsumer(AuditService audit, CloudEventCodec codec) {
        this.audit = audit;
        this.codec = codec;
    }

    @Incoming(AuditChannels.TENANT_EVENTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onTenantEvent(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(audit::recordDomainEvent);
    }
}
