package com.hostmcp.gateway.hostaway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.hostaway.*}: how the gateway talks to Hostaway (limits, retries, circuit breaker, tokens). */
@ConfigMapping(prefix = "gateway.hostaway")
public interface HostawayClientConfig {

    /** Hostaway's limit per account (all replicas and other integrations of the account share it at Hostaway). */
    Limit perAccount();

    /** Hostaway's limit per source IP: every request of this gateway instance, token requests included. */
    Limit perIp();

    /**
     * Added to both windows: a permit that frees up here must also have freed up at Hostaway, which sees each request
     * a little later than it leaves.
     */
    @WithDefault("250ms")
    Duration limitSafetyMargin();

    /** Longest a request waits for a permit; a request that would wait longer fails at once as rate limited. */
    @WithDefault("2s")
    Duration queueMaxWait();

    /** Timeout of one HTTP exchange (each attempt separately). */
    @WithDefault("10s")
    Duration requestTimeout();

    Retry retry();

    CircuitBreaker circuitBreaker();

    Token token();

    /** Shortest interval between two credential-failure reports for one account. */
    @WithDefault("1m")
    Duration credentialFailureReportInterval();

    interface Limit {
        /** Requests per window; 0 turns the limit off. */
        int requests();

        Duration window();
    }

    /** Retries of 429, 5xx, timeouts and connection failures, with exponential backoff and jitter. */
    interface Retry {
        @WithDefault("3")
        int maxRetries();

        /** Delay before the first retry; it doubles with every further retry up to {@link #maxDelay()}. */
        @WithDefault("500ms")
        Duration initialDelay();

        @WithDefault("4s")
        Duration maxDelay();

        /** Each delay varies randomly by up to this much, so that callers that failed together do not retry together. */
        @WithDefault("200ms")
        Duration jitter();
    }

    /** One circuit breaker per Hostaway account; it counts 5xx, timeouts and connection failures. */
    interface CircuitBreaker {
        /** Size of the rolling window of calls the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the circuit stays open before a trial call is let through. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls needed to close the circuit again. */
        @WithDefault("2")
        int successThreshold();
    }

    interface Token {
        /** A token is replaced this long before it expires. */
        @WithDefault("1h")
        Duration refreshMargin();

        /** Hostaway accepts a new token only this long after issuing it. */
        @WithDefault("1s")
        Duration activationDelay();
    }
}
