package com.hostmcp.sync.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How sync runs are planned, queued and executed (properties {@code sync.*}). */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    Schedule schedule();

    Requests requests();

    Worker worker();

    ConnectTrigger connectTrigger();

    interface Schedule {

        /**
         * Quartz-style cron of the daily run, in UTC (read by the {@code @Scheduled} annotation; listed here so that it
         * is validated and documented). {@code off} disables it on this replica.
         */
        String cron();

        /** How many organizations one planning transaction claims. */
        @WithDefault("200")
        int batchSize();
    }

    interface Requests {

        /** How long a Sync Now run waits before it starts, so that requests arriving together share it. */
        @WithDefault("2s")
        Duration coalesceWindow();
    }

    interface Worker {

        /** Whether this replica executes queued runs. */
        @WithDefault("true")
        boolean enabled();

        /** Runs executed at the same time on this replica (all share the Hostaway rate limits). */
        @WithDefault("4")
        int concurrency();

        /** How often an idle worker looks for queued runs. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a claimed run may take; after that it is recorded as FAILED (abandoned) and another run may go. */
        @WithDefault("15m")
        Duration lease();
    }

    interface ConnectTrigger {

        /**
         * Credentials connected longer ago than this do not trigger a sync when their snapshot is first seen (a projection
         * rebuilt from the compacted topic would otherwise sync every organization at once); the schedule covers them.
         */
        @WithDefault("24h")
        Duration maxAge();
    }
}
