package com.hostmcp.sync.hostaway;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Single Hostaway requests, each taken from the shared rate limiter, timed out and retried: 429, 5xx, connection
 * failures and timeouts are retried with exponential backoff and jitter (every attempt waits for the limiter again); a
 * rejection is not. Counts every answer in {@code hostaway.requests} by call and status.
 */
@ApplicationScoped
public class HostawayCalls {

    private final HostawayClient hostaway;
    private final HostawayRateLimiter limiter;
    private final MeterRegistry registry;

    public HostawayCalls(@RestClient HostawayClient hostaway, HostawayRateLimiter limiter, MeterRegistry registry) {
        this.hostaway = hostaway;
        this.limiter = limiter;
        this.registry = registry;
    }

    /**
     * A new access token for the account.
     *
     * @throws HostawayRejectedException when Hostaway refuses the credentials
     * @throws HostawayUnavailableException when it still cannot answer after the retries
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 4, delay = 2000, jitter = 500, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, retryOn = {
            HostawayUnavailableException.class, TimeoutException.class }, abortOn = HostawayRejectedException.class)
    @ExponentialBackoff(maxDelay = 20_000)
    public String accessToken(String accountId, String secretKey) {
        limiter.acquireGlobal();
        HostawayClient.AccessToken token = call("access_token",
                () -> hostaway.accessToken("client_credentials", accountId, secretKey, "general"));
        if (token == null || token.accessToken() == null || token.accessToken().isBlank()) {
            throw new HostawayUnavailableException(200, "POST /v1/accessTokens answered without a token");
        }
        return token.accessToken();
    }

    /** One page of the account's listings, {@code limit} from {@code offset}. Same failures as {@link #accessToken}. */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 4, delay = 2000, jitter = 500, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, retryOn = {
            HostawayUnavailableException.class, TimeoutException.class }, abortOn = HostawayRejectedException.class)
    @ExponentialBackoff(maxDelay = 20_000)
    public HostawayClient.ListingsPage listingsPage(String accountId, String token, int limit, int offset) {
        limiter.acquire(accountId);
        HostawayClient.ListingsPage page = call("listings", () -> hostaway.listings("Bearer " + token, limit, offset));
        if (page == null || !"success".equals(page.status())) {
            throw new HostawayUnavailableException(200,
                    "GET /v1/listings answered status " + (page == null ? "none" : page.status()));
        }
        return page;
    }

    private <T> T call(String name, Supplier<T> request) {
        try {
            T answer = request.get();
            count(name, "200");
            return answer;
        } catch (HostawayRejectedException e) {
            count(name, Integer.toString(e.httpStatus()));
            throw e;
        } catch (HostawayUnavailableException e) {
            count(name, e.httpStatus() == 0 ? "error" : Integer.toString(e.httpStatus()));
            throw e;
        } catch (ProcessingException e) {
            // connection refused or reset, read timeout, unreadable body: class names only, a parser's message may
            // quote the answer
            count(name, "error");
            throw new HostawayUnavailableException(0, "Hostaway could not be reached ("
                    + rootCause(e).getClass().getSimpleName() + ")");
        }
    }

    private void count(String call, String status) {
        Counter.builder("hostaway.requests").description("Requests sent to Hostaway, by call and answer")
                .tag("call", call).tag("status", status).register(registry).increment();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
