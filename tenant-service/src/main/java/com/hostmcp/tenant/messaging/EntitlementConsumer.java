package com.hostmcp.tenant.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.tenant.service.EntitlementService;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Billing's entitlement snapshots. Acknowledged only after the database commit (at least once); duplicates and stale
 * versions are skipped by the service. Transient failures are retried with backoff; an unreadable record goes to the
 * dead-letter topic instead of blocking its partition.
 */
@ApplicationScoped
public class EntitlementConsumer {

    private final EntitlementService entitlements;
    private final CloudEventCodec codec;

    public EntitlementConsumer(EntitlementService entitlements, CloudEventCodec codec) {
        this.entitlements = entitlements;
        this.codec = codec;
    }

    @Incoming(TenantChannels.ENTITLEMENTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onEntitlement(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(entitlements::apply);
    }
}
