package com.hostmcp.sync.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.hostmcp.sync.config.SyncConfig;
import com.hostmcp.sync.repository.SyncRunRepository;
import com.hostmcp.sync.repository.SyncRunRepository.ClaimedRun;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Executes queued runs: {@code sync.worker.concurrency} threads per replica, each claiming the next due run from the
 * database queue and running it to the end. Replicas share the queue (claims skip rows others hold); the Hostaway rate
 * limiter paces all threads together. Plain threads, not {@code @Scheduled}: runs block on Hostaway and the limiter,
 * and the scheduler's threads must stay free for the daily cron.
 */
@ApplicationScoped
public class SyncWorker {

    private static final Logger LOG = Logger.getLogger(SyncWorker.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final SyncRunRepository runs;
    private final SyncRunner runner;
    private final SyncConfig.Worker config;
    private final String workerId;
    private final AtomicInteger threads = new AtomicInteger();
    private ScheduledExecutorService executor;

    public SyncWorker(SyncRunRepository runs, SyncRunner runner, SyncConfig config, SyncInstance instance) {
        this.runs = runs;
        this.runner = runner;
        this.config = config.worker();
        this.workerId = instance.id();
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Sync worker disabled on this replica");
            return;
        }
        int concurrency = Math.max(1, config.concurrency());
        executor = Executors.newScheduledThreadPool(concurrency,
                runnable -> new Thread(runnable, "sync-worker-" + threads.incrementAndGet()));
        long interval = config.pollInterval().toMillis();
        for (int i = 0; i < concurrency; i++) {
            executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                // runs still talking to Hostaway are recorded as abandoned when their lease ends
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Runs due runs until none is left. */
    private void drain() {
        try {
            while (!executor.isShutdown() && runNext()) {
                // next run
            }
        } catch (RuntimeException e) {
            // the run stays RUNNING until its lease ends; the next tick goes on with other runs
            LOG.errorf(e, "Sync worker failed; continuing with the next run");
        }
    }

    /** Claims and executes one due run. False when none is due. */
    boolean runNext() {
        Optional<ClaimedRun> claimed = runs.claimNext(workerId, config.lease()).await().atMost(DB_TIMEOUT);
        claimed.ifPresent(runner::execute);
        return claimed.isPresent();
    }

    @Scheduled(every = "1m", delayed = "1m", identity = "abandoned-sync-runs", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recordAbandonedRuns() {
        int abandoned = runs.abandonExpired().await().atMost(DB_TIMEOUT);
        if (abandoned > 0) {
            LOG.warnf("%d sync runs outlived their lease and were recorded as FAILED", abandoned);
        }
    }
}
