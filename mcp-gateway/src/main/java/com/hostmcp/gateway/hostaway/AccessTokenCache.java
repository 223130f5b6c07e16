package com.hostmcp.gateway.hostaway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The access token of one Hostaway account. Concurrent callers that need a new token share one token request, and a
 * token is only handed out once Hostaway accepts it (its activation delay has passed).
 */
final class AccessTokenCache {

    /**
     * @param credentials the encrypted credentials it was issued for: a replaced secret never reuses the old token
     * @param usableFromNanos {@link System#nanoTime()} from which Hostaway accepts it
     * @param refreshAtNanos {@link System#nanoTime()} from which a new one is requested instead
     */
    record AccessToken(String value, String credentials, long usableFromNanos, long refreshAtNanos) {

        @Override
        public String toString() {
            return "AccessToken[<redacted>]";
        }
    }

    private AccessToken current;
    private CompletableFuture<AccessToken> inFlight;
    private String inFlightCredentials;

    /**
     * The token to use for {@code credentials}: the cached one, unless it was issued for other credentials, is due
     * for a refresh or is {@code rejected} (Hostaway just refused it); then the token request in flight for these
     * credentials, or a new one started with {@code request}.
     */
    Uni<AccessToken> get(String credentials, AccessToken rejected, Supplier<Uni<AccessToken>> request) {
        CompletableFuture<AccessToken> flight;
        boolean starts = false;
        synchronized (this) {
            if (current != null && current != rejected && current.credentials().equals(credentials)
                    && System.nanoTime() < current.refreshAtNanos()) {
                return usable(current);
            }
            if (inFlight == null || !credentials.equals(inFlightCredentials)) {
                inFlight = new CompletableFuture<>();
                inFlightCredentials = credentials;
                starts = true;
            }
            flight = inFlight;
        }
        // outside the lock: a request that completes at once clears inFlight in its callback
        if (starts) {
            start(flight, request);
        }
        return Uni.createFrom().completionStage(flight).chain(AccessTokenCache::usable);
    }

    /** Runs the token request independently of the caller that started it: other callers wait for it too. */
    private void start(CompletableFuture<AccessToken> flight, Supplier<Uni<AccessToken>> request) {
        Uni.createFrom().deferred(request::get).subscribe().with(token -> {
            synchronized (this) {
                if (inFlight == flight) {
                    current = token;
                    inFlight = null;
                }
            }
            flight.complete(token);
        }, failure -> {
            synchronized (this) {
                if (inFlight == flight) {
                    inFlight = null;
                }
            }
            flight.completeExceptionally(failure);
        });
    }

    private static Uni<AccessToken> usable(AccessToken token) {
        long wait = token.usableFromNanos() - System.nanoTime();
        Uni<AccessToken> now = Uni.createFrom().item(token);
        return wait <= 0 ? now : now.onItem().delayIt().by(timerDelay(wait));
    }

    /**
     * A positive wait in nanoseconds as a timer delay: whole milliseconds, at least one, since the timers behind
     * Mutiny's delays refuse anything shorter than 1 ms with an IllegalArgumentException.
     */
    static Duration timerDelay(long waitNanos) {
        return Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000));
    }
}
