package com.hostmcp.sync.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.sync.service.SyncRequestService;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * "Sync Now" commands from sync.requests.v1. Acknowledged after the commit (at least once; the service records each
 * event id and request id once); other event types are ignored; an unreadable record goes to the dead-letter topic.
 */
@ApplicationScoped
public class SyncRequestConsumer {

    private final SyncRequestService requests;
    private final CloudEventCodec codec;

    public SyncRequestConsumer(SyncRequestService requests, CloudEventCodec codec) {
        this.requests = requests;
        this.codec = codec;
    }

    @Incoming(SyncChannels.SYNC_REQUESTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onRequest(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(event -> !SyncRequested.TYPE
                .equals(event.type()) ? Uni.createFrom().voidItem()
                        : requests.accept(event.id(), event.subject(), codec.data(event, SyncRequested.class)));
    }
}
