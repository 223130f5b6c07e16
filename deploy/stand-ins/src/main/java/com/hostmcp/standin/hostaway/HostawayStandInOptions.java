package com.hostmcp.standin.hostaway;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Start options of a {@link HostawayStandIn}. Use {@link #defaults()} and the {@code withX} methods.
 *
 * @param port the TCP port on 127.0.0.1; 0 picks a free port
 * @param perAccountLimit requests allowed per account in one window (Hostaway: 20 per 10 s); 0 disables the limit
 * @param perIpLimit requests allowed per client IP in one window (Hostaway: 15 per 10 s); 0 (the default) disables it,
 *        because all test clients share the loopback address
 * @param rateLimitWindow the sliding window of both limits (Hostaway: 10 s)
 * @param tokenTtlSeconds the {@code expires_in} of issued tokens; tokens older than this answer 403
 * @param tokenActivationDelay how long a new token is refused after it is issued (Hostaway: 1 s); zero by default to keep
 *        tests fast
 * @param clock the clock for token expiry, rate-limit windows and the timestamps the stand-in writes
 */
public record HostawayStandInOptions(int port, int perAccountLimit, int perIpLimit, Duration rateLimitWindow,
        long tokenTtlSeconds, Duration tokenActivationDelay, Clock clock) {

    public static final int DEFAULT_PER_ACCOUNT_LIMIT = 20;
    public static final int HOSTAWAY_PER_IP_LIMIT = 15;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final long DEFAULT_TOKEN_TTL_SECONDS = 15_897_600L;

    public HostawayStandInOptions {
        Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
        Objects.requireNonNull(tokenActivationDelay, "tokenActivationDelay");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (perAccountLimit < 0 || perIpLimit < 0) {
            throw new IllegalArgumentException("rate limits must be >= 0");
        }
        if (rateLimitWindow.isNegative() || rateLimitWindow.isZero()) {
            throw new IllegalArgumentException("rateLimitWindow must be positive");
        }
        if (tokenTtlSeconds <= 0) {
            throw new IllegalArgumentException("tokenTtlSeconds must be positive");
        }
    }

    /** Random port, 20 requests / 10 s per account, no per-IP limit, TTL 15897600 s, no activation delay. */
    public static HostawayStandInOptions defaults() {
        return new HostawayStandInOptions(0, DEFAULT_PER_ACCOUNT_LIMIT, 0, DEFAULT_WINDOW, DEFAULT_TOKEN_TTL_SECONDS,
                Duration.ZERO, Clock.systemUTC());
    }

    public HostawayStandInOptions withPort(int newPort) {
        return new HostawayStandInOptions(newPort, perAccountLimit, perIpLimit, rateLimitWindow, tokenTtlSeconds,
                tokenActivationDelay, clock);
    }

    public HostawayStandInOptions withPerAccountLimit(int limit) {
        return new HostawayStandInOptions(port, limit, perIpLimit, rateLimitWindow, tokenTtlSeconds,
                tokenActivationDelay, clock);
    }

    public HostawayStandInOptions withPerIpLimit(int limit) {
        return new HostawayStandInOptions(port, perAccountLimit, limit, rateLimitWindow, tokenTtlSeconds,
                tokenActivationDelay, clock);
    }

    public HostawayStandInOptions withRateLimitWindow(Duration window) {
        return new HostawayStandInOptions(port, perAccountLimit, perIpLimit, window, tokenTtlSeconds,
                tokenActivationDelay, clock);
    }

    public HostawayStandInOptions withTokenTtlSeconds(long ttlSeconds) {
        return new HostawayStandInOptions(port, perAccountLimit, perIpLimit, rateLimitWindow, ttlSeconds,
                tokenActivationDelay, clock);
    }

    public HostawayStandInOptions withTokenActivationDelay(Duration delay) {
        return new HostawayStandInOptions(port, perAccountLimit, perIpLimit, rateLimitWindow, tokenTtlSeconds, delay,
                clock);
    }

    public HostawayStandInOptions withClock(Clock newClock) {
        return new HostawayStandInOptions(port, perAccountLimit, perIpLimit, rateLimitWindow, tokenTtlSeconds,
                tokenActivationDelay, newClock);
    }
}
