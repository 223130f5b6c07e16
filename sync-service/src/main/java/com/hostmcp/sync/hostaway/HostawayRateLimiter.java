package com.hostmcp.sync.hostaway;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.sync.config.HostawayConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Hostaway's rate limits, kept by every request this replica sends, whichever organization it is for: one bucket for
 * the egress IP (global) and one per Hostaway account. Callers block until both allow the request, so a nightly run over
 * thousands of organizations paces itself instead of collecting 429s.
 * <p>
 * Each bucket holds a single token and refills {@code requests - 1} per window, evenly: requests go out at least
 * {@code window / (requests - 1)} apart (714 ms for 15 per 10 s), so no window of that length, however it is aligned,
 * sees more than {@code requests}. The global bucket is taken last, right before sending, so the global spacing holds
 * for what actually leaves the process.
 */
@ApplicationScoped
public class HostawayRateLimiter {

    private final HostawayConfig.Limit perAccountLimit;
    private final Bucket global;
    // one small bucket per account ever synced by this replica: thousands of accounts cost a few hundred kB
    private final ConcurrentHashMap<String, Bucket> accounts = new ConcurrentHashMap<>();
    private final Timer waits;

    public HostawayRateLimiter(HostawayConfig config, MeterRegistry registry) {
        this.perAccountLimit = config.rateLimit().perAccount();
        this.global = bucket(config.rateLimit().global());
        this.waits = Timer.builder("hostaway.limiter.wait")
                .description("Time a Hostaway request waited for the rate limiter").register(registry);
    }

    /** Waits until the account's and the global limit allow one more API request. */
    public void acquire(String accountId) {
        long started = System.nanoTime();
        take(accounts.computeIfAbsent(accountId, id -> bucket(perAccountLimit)));
        take(global);
        waits.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Waits until the global limit allows a token request (Hostaway counts those per IP only). */
    public void acquireGlobal() {
        long started = System.nanoTime();
        take(global);
        waits.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static void take(Bucket bucket) {
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            // a @Timeout interrupts the worker; keep the flag and give up this attempt
            Thread.currentThread().interrupt();
            throw new HostawayUnavailableException(0, "interrupted while waiting for the Hostaway rate limit");
        }
    }

    private static Bucket bucket(HostawayConfig.Limit limit) {
        if (limit.requests() < 1 || limit.window().isNegative() || limit.window().isZero()) {
            throw new IllegalArgumentException("a Hostaway rate limit needs requests >= 1 and a positive window");
        }
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(1)
                .refillGreedy(Math.max(1, limit.requests() - 1), limit.window()).build()).build();
    }
}
