package com.hostmcp.sync.service;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.sync.SyncTrigger;
import com.hostmcp.sync.repository.SyncRunRepository;
import com.hostmcp.sync.repository.SyncRunRepository.OpenRun;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Puts a trigger on the queue, coalescing it with the organization's open run: a Sync Now joins the queued or running
 * run (whatever it finds will be as fresh as the user asked for); new credentials join only a queued run, because a
 * running one already read the old credentials.
 */
@ApplicationScoped
public class SyncQueue {

    private final SyncRunRepository runs;

    public SyncQueue(SyncRunRepository runs) {
        this.runs = runs;
    }

    /** The run that will serve this trigger, queued or joined, in the caller's transaction. */
    public Uni<UUID> submit(SqlConnection tx, UUID organizationId, SyncTrigger trigger, Duration delay) {
        boolean joinRunning = trigger == SyncTrigger.ON_DEMAND;
        return joinable(tx, organizationId, joinRunning)
                .flatMap(open -> open.isPresent() ? join(tx, open.get())
                        : runs.enqueue(tx, organizationId, trigger, delay, null)
                                .flatMap(queued -> queued.isPresent() ? Uni.createFrom().item(queued.get())
                                        // another transaction queued one in between: join it
                                        : joinable(tx, organizationId, joinRunning).flatMap(again -> join(tx,
                                                again.orElseThrow(() -> new IllegalStateException(
                                                        "no run to join for " + organizationId))))));
    }

    private Uni<Optional<OpenRun>> joinable(SqlConnection tx, UUID organizationId, boolean joinRunning) {
        return runs.openRun(tx, organizationId)
                .map(open -> open.filter(run -> run.pending() || joinRunning));
    }

    private Uni<UUID> join(SqlConnection tx, OpenRun open) {
        return open.pending() ? runs.prioritize(tx, open.runId()).replaceWith(open.runId())
                : Uni.createFrom().item(open.runId());
    }
}
