package com.hostmcp.sync.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;
import com.hostmcp.sync.SyncTrigger;
import com.hostmcp.sync.config.SyncConfig;
import com.hostmcp.sync.messaging.SyncRequested;
import com.hostmcp.sync.repository.SyncRunRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * "Sync Now": each request is recorded once (by event id and by request id, so a redelivery or a re-sent request joins
 * nothing twice) against the run that serves it. Requests for an organization whose run is queued or running join
 * that run; otherwise a run is queued that starts after {@code sync.requests.coalesce-window}, so that requests arriving
 * together share it. The organization's state is checked when the run starts (a request may overtake the snapshot
 * that connects the credentials).
 */
@ApplicationScoped
public class SyncRequestService {

    static final String CONSUMER = "sync-requests";
    private static final Logger LOG = Logger.getLogger(SyncRequestService.class);

    private final Pool pool;
    private final ProcessedEvents processed;
    private final SyncRunRepository runs;
    private final SyncQueue queue;
    private final Duration coalesceWindow;

    public SyncRequestService(Pool pool, ProcessedEvents processed, SyncRunRepository runs, SyncQueue queue,
            SyncConfig config) {
        this.pool = pool;
        this.processed = processed;
        this.runs = runs;
        this.queue = queue;
        this.coalesceWindow = config.requests().coalesceWindow();
    }

    public Uni<Void> accept(String eventId, String subject, SyncRequested request) {
        validate(subject, request);
        return pool.withTransaction(tx -> processed.claim(tx, CONSUMER, eventId)
                .flatMap(first -> !first ? Uni.createFrom().item(false)
                        : runs.requestKnown(tx, request.requestId())
                                .map(known -> !known))
                .flatMap(fresh -> !fresh ? Uni.createFrom().voidItem()
                        : queue.submit(tx, request.organizationId(), SyncTrigger.ON_DEMAND, coalesceWindow)
                                .call(runId -> runs.recordRequest(tx, request.requestId(), runId,
                                        request.organizationId(), request.requestedBy(), request.requestedAt()))
                                .invoke(runId -> LOG.infof("Sync request %s of organization %s served by run %s",
                                        request.requestId(), request.organizationId(), runId))
                                .replaceWithVoid()));
    }

    private static void validate(String subject, SyncRequested request) {
        if (request.organizationId() == null || request.requestId() == null || request.requestedAt() == null
                || request.requestedBy() == null || request.requestedBy().isBlank()
                || request.requestedBy().length() > 255) {
            throw new MalformedEventException("SyncRequested needs organizationId, requestId, requestedBy (1..255)"
                    + " and requestedAt");
        }
        if (subject != null && !subject.equals(request.organizationId().toString())) {
            throw new MalformedEventException("SyncRequested subject " + subject + " is not its organizationId");
        }
    }
}
