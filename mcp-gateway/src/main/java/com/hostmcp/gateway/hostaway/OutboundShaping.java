package com.hostmcp.gateway.hostaway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Keeps this gateway's own traffic within Hostaway's published limits (per account, and per source IP for the whole
 * instance), so that Hostaway rarely has to answer 429. A request that cannot go at once waits for its reserved
 * permit without blocking a thread; one that would wait longer than the queue allows is refused at once with the
 * whole seconds until a permit frees up.
 */
@ApplicationScoped
public class OutboundShaping {

    /** What a request got: a permit after {@code waitNanos}, or none (then {@code waitNanos} is what it would need). */
    record Decision(boolean granted, long waitNanos, String bindingLimit) {

        long retryAfterSeconds() {
            return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        }
    }

    static final String ACCOUNT = "account";
    static final String IP = "ip";

    private final int perAccountRequests;
    private final long perAccountWindowNanos;
    private final long maxWaitNanos;
    private final SlidingWindowLimit perIp;
    private final Map<String, SlidingWindowLimit> perAccount = new HashMap<>();
    private final Map<String, Counter> waits = new HashMap<>();
    private final Map<String, Counter> refusals = new HashMap<>();

    @Inject
    OutboundShaping(HostawayClientConfig config, MeterRegistry registry) {
        this(config.perAccount().requests(), config.perAccount().window().plus(config.limitSafetyMargin()),
                config.perIp().requests(), config.perIp().window().plus(config.limitSafetyMargin()),
                config.queueMaxWait(), registry);
    }

    OutboundShaping(int perAccountRequests, Duration perAccountWindow, int perIpRequests, Duration perIpWindow,
            Duration maxWait, MeterRegistry registry) {
        this.perAccountRequests = perAccountRequests;
        this.perAccountWindowNanos = perAccountWindow.toNanos();
        this.perIp = new SlidingWindowLimit(perIpRequests, perIpWindow.toNanos());
        this.maxWaitNanos = maxWait.toNanos();
        for (String limit : new String[] { ACCOUNT, IP }) {
            waits.put(limit, registry.counter("hostmcp.hostaway.rate-limit.waits", "limit", limit));
            refusals.put(limit, registry.counter("hostmcp.hostaway.rate-limit.refusals", "limit", limit));
        }
    }

    /**
     * Waits for a permit of the account and of this instance.
     *
     * @param accountId null for a token request, which Hostaway counts against the source IP only
     * @param operation names the request in the refusal, e.g. "GET /v1/listings/123"
     */
    Uni<Void> acquire(String accountId, String operation) {
        Decision decision = reserve(accountId, System.nanoTime());
        if (!decision.granted()) {
            String whose = ACCOUNT.equals(decision.bindingLimit()) ? "of this Hostaway account"
                    : "of this gateway instance";
            return Uni.createFrom().failure(new HostawayException.RateLimited(operation + ": the Hostaway rate limit "
                    + whose + " is used up; retry in " + decision.retryAfterSeconds() + " s",
                    decision.retryAfterSeconds()));
        }
        if (decision.waitNanos() <= 0) {
            return Uni.createFrom().voidItem();
        }
        // whole milliseconds, at least one: a timer shorter than 1 ms is refused (IllegalArgumentException)
        return Uni.createFrom().voidItem().onItem().delayIt().by(AccessTokenCache.timerDelay(decision.waitNanos()));
    }

    /** Reserves the earliest permit at {@code now} (nanos) if it is within the queue's maximum wait. */
    synchronized Decision reserve(String accountId, long now) {
        SlidingWindowLimit account = accountId == null ? null
                : perAccount.computeIfAbsent(accountId,
                        id -> new SlidingWindowLimit(perAccountRequests, perAccountWindowNanos));
        long ipEarliest = perIp.earliestPermit(now);
        long accountEarliest = account == null ? now : account.earliestPermit(now);
        long at = Math.max(ipEarliest, accountEarliest);
        String binding = accountEarliest >= ipEarliest && account != null ? ACCOUNT : IP;
        long wait = at - now;
        if (wait > maxWaitNanos) {
            refusals.get(binding).increment();
            return new Decision(false, wait, binding);
        }
        perIp.take(at);
        if (account != null) {
            account.take(at);
        }
        if (wait > 0) {
            waits.get(binding).increment();
        }
        return new Decision(true, wait, binding);
    }
}
