package com.hostmcp.gateway.events;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.events.*}: how the invocation and usage records reach Kafka. */
@ConfigMapping(prefix = "gateway.events")
public interface EventsConfig {

    /** Kafka for these events; defaults to {@code kafka.bootstrap.servers}. */
    Optional<String> bootstrapServers();

    /**
     * Records accepted but not yet acknowledged by Kafka. When they are all taken (Kafka down for a while), new MCP
     * requests get HTTP 503 instead of running without an audit trail.
     */
    @WithDefault("20000")
    int maxPending();

    /** How long the producer keeps trying one send before it is queued again (Kafka's delivery.timeout.ms). */
    @WithDefault("120s")
    Duration deliveryTimeout();

    /** Pause before a record whose delivery failed is sent again. */
    @WithDefault("1s")
    Duration resendBackoff();
}
