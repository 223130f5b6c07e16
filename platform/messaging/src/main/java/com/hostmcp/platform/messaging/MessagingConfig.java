package com.hostmcp.platform.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hostmcp.messaging")
public interface MessagingConfig {

    /** The service's own Postgres schema, which holds its {@code outbox} and {@code processed_events} tables. */
    String schema();

    /** Names what published events say in their CloudEvents {@code source}, e.g. {@code /tenant-service}. */
    String source();

    Outbox outbox();

    interface Outbox {

        /** Whether this replica relays the outbox to Kafka (one replica at a time does; see {@link OutboxRelay}). */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for unsent rows; also bounds how long an event waits after its commit. */
        @WithDefault("200ms")
        Duration pollInterval();

        @WithDefault("200")
        int batchSize();

        /** How long sent rows are kept (for diagnosis) before they are deleted. */
        @WithDefault("P7D")
        Duration retention();

        /** How long one batch may wait for the broker's acknowledgements. */
        @WithDefault("30s")
        Duration sendTimeout();
    }
}
