package com.hostmcp.audit.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Ingestion metrics per channel: batch sizes, records by result (their rate is the insert rate), batch duration, and
 * the delay from an event's time to its committed row. Consumer lag per partition comes from the Kafka client metrics
 * ({@code kafka_consumer_fetch_manager_records_lag*}).
 */
@ApplicationScoped
public class IngestMetrics {

    /** What happened to a record. */
    public enum Result {
        /** a new row */
        STORED,
        /** a redelivery, or the second record of an already stored tool call */
        DUPLICATE,
        /** the ToolInvoked that completed a row first stored from its UsageRecorded */
        COMPLETED,
        /** unreadable, sent to the dead-letter topic */
        DEAD_LETTER,
        /** older than the retention: its month's partition is (or is about to be) dropped */
        EXPIRED
    }

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void batch(String channel, int records, Duration took) {
        DistributionSummary.builder("hostmcp.audit.ingest.batch.size").description("Records per consumed batch")
                .tag("channel", channel).publishPercentiles(0.5, 0.95).register(registry).record(records);
        Timer.builder("hostmcp.audit.ingest.batch.duration")
                .description("From a batch's arrival to its commit (retries included)").tag("channel", channel)
                .publishPercentiles(0.5, 0.95).register(registry).record(took);
    }

    public void records(String channel, Result result, long count) {
        if (count > 0) {
            Counter.builder("hostmcp.audit.ingest.records").description("Consumed records by what became of them")
                    .tag("channel", channel).tag("result", result.name().toLowerCase())
                    .register(registry).increment(count);
        }
    }

    public void delay(String channel, Duration eventToCommit) {
        Timer.builder("hostmcp.audit.ingest.delay")
                .description("From the oldest new event of a batch (its own time) to the batch's commit")
                .tag("channel", channel).publishPercentiles(0.5, 0.95).register(registry).record(eventToCommit);
    }
}
