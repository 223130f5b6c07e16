package com.hostmcp.sync.service;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.sync.SyncOutcome;
import com.hostmcp.sync.SyncTrigger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Run metrics: {@code sync.runs} (count) and {@code sync.run.duration} (timer), both by trigger and outcome. Hostaway's
 * own are {@code hostaway.requests} (by call and status, 429 included) and {@code hostaway.limiter.wait}.
 */
@ApplicationScoped
public class SyncMetrics {

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void runFinished(SyncTrigger trigger, SyncOutcome outcome, long durationMs) {
        Counter.builder("sync.runs").description("Finished sync runs, by trigger and outcome")
                .tag("trigger", trigger.name()).tag("outcome", outcome.name()).register(registry).increment();
        Timer.builder("sync.run.duration").description("Duration of finished sync runs")
                .tag("trigger", trigger.name()).tag("outcome", outcome.name()).register(registry)
                .record(durationMs, TimeUnit.MILLISECONDS);
    }
}
