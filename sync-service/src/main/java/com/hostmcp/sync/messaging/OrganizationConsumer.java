package com.hostmcp.sync.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.sync.service.OrganizationProjection;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Organization snapshots from the compacted tenant.organizations.v1, read from the beginning. Acknowledged after the
 * commit; other event types are ignored; transient failures are retried with backoff; an unreadable record goes to the
 * dead-letter topic instead of blocking its partition.
 */
@ApplicationScoped
public class OrganizationConsumer {

    private final OrganizationProjection projection;
    private final CloudEventCodec codec;

    public OrganizationConsumer(OrganizationProjection projection, CloudEventCodec codec) {
        this.projection = projection;
        this.codec = codec;
    }

    @Incoming(SyncChannels.ORGANIZATIONS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onSnapshot(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(event -> !OrganizationUpdated.TYPE
                .equals(event.type()) ? Uni.createFrom().voidItem()
                        : projection.apply(event.id(), codec.data(event, OrganizationUpdated.class)));
    }
}
