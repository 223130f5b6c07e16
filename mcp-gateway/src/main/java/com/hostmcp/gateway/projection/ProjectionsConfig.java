package com.hostmcp.gateway.projection;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.projections.*}: how the in-memory projections read their compacted topics. */
@ConfigMapping(prefix = "gateway.projections")
public interface ProjectionsConfig {

    /** Longest wait of one poll; bounds how late a revocation or suspension is applied when records arrive. */
    @WithDefault("200ms")
    Duration pollTimeout();

    /** How often the topics' partitions are looked up again (a topic created after start-up, added partitions). */
    @WithDefault("5s")
    Duration metadataRefresh();

    /** Pause after a failed Kafka call before trying again. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Timeout of one metadata or offset lookup. */
    @WithDefault("5s")
    Duration requestTimeout();
}
