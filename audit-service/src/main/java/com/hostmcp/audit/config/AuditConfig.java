package com.hostmcp.audit.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hostmcp.audit")
public interface AuditConfig {

    Retention retention();

    Partitions partitions();

    Rollups rollups();

    Maintenance maintenance();

    interface Retention {

        /**
         * Full months kept before the current one: a month's partition is dropped once it is more than this many months
         * before the current (UTC) month, so every row is kept at least this long and at most one month longer.
         */
        @WithDefault("13")
        @Min(1)
        @Max(120)
        int months();
    }

    interface Partitions {

        /** Months after the current one whose partitions exist ahead of time (start-up and daily maintenance). */
        @WithDefault("3")
        @Min(1)
        @Max(24)
        int monthsAhead();
    }

    interface Rollups {

        /** Stale daily rollups whose p50/p95 one refresh round recomputes from the raw log. */
        @WithDefault("500")
        @Min(1)
        int percentileBatch();

        /** How often stale percentiles are recomputed (read by the scheduler as {@code every}). */
        @WithDefault("15s")
        String percentileRefreshEvery();
    }

    interface Maintenance {

        /** When partitions are created ahead and dropped past the retention (read by the scheduler; UTC). */
        @WithDefault("0 17 3 * * ?")
        String cron();
    }
}
