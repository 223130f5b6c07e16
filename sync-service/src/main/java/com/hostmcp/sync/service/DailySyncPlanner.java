package com.hostmcp.sync.service;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.hostmcp.sync.config.SyncConfig;
import com.hostmcp.sync.repository.OrganizationRepository;
import com.hostmcp.sync.repository.SyncRunRepository;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The daily schedule: queues one SCHEDULED run for every connected organization not yet planned that (UTC) day. Every
 * replica fires the cron; each claims organizations in batches with {@code FOR UPDATE SKIP LOCKED} and marks them
 * planned for the day in the same statement, so an organization is planned once a day however many replicas (or
 * repeated firings) there are. An organization whose run is already queued or running is not queued again: that run
 * is its sync.
 */
@ApplicationScoped
public class DailySyncPlanner {

    private static final Logger LOG = Logger.getLogger(DailySyncPlanner.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final OrganizationRepository organizations;
    private final SyncRunRepository runs;
    private final int batchSize;
    private final String instanceId;
    private final Clock clock;

    @Inject
    public DailySyncPlanner(Pool pool, OrganizationRepository organizations, SyncRunRepository runs,
            SyncConfig config, SyncInstance instance) {
        this.pool = pool;
        this.organizations = organizations;
        this.runs = runs;
        this.batchSize = config.schedule().batchSize();
        this.instanceId = instance.id();
        this.clock = Clock.systemUTC();
    }

    @Scheduled(identity = "daily-sync", cron = "${sync.schedule.cron}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Plan plan = planDay(LocalDate.now(clock.withZone(ZoneOffset.UTC)), instanceId);
        LOG.infof("Daily sync planned by %s: %d organizations claimed, %d runs queued", instanceId, plan.claimed(),
                plan.queued());
    }

    /** How many organizations a planner claimed for the day, and how many runs it queued for them. */
    public record Plan(int claimed, int queued) {
    }

    /**
     * Plans {@code day} for every organization no planner has claimed for it yet; {@code plannerId} is recorded on the
     * queued runs. Blocking: runs on the scheduler's worker thread.
     */
    public Plan planDay(LocalDate day, String plannerId) {
        int claimed = 0;
        int queued = 0;
        int batch;
        do {
            int[] result = pool.withTransaction(tx -> organizations.claimDue(tx, day, batchSize)
                    .flatMap(ids -> runs.enqueueScheduled(tx, ids, plannerId)
                            .map(count -> new int[] { ids.size(), count })))
                    .await().atMost(DB_TIMEOUT);
            batch = result[0];
            claimed += result[0];
            queued += result[1];
        } while (batch == batchSize);
        return new Plan(claimed, queued);
    }
}
