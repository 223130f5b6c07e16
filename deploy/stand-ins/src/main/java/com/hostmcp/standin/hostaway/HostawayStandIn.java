package com.hostmcp.standin.hostaway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * An HTTP-level stand-in for the Hostaway Public API v1, built on WireMock with an extension that answers every request
 * from a stateful in-memory model (listings, calendars, reservations, conversations, finance reports) seeded from the
 * docs' example objects. See {@code deploy/stand-ins/README-hostaway.md}.
 *
 * <pre>{@code
 * try (HostawayStandIn hostaway = HostawayStandIn.start(0)) {
 *     String base = hostaway.baseUrl(); // http://127.0.0.1:PORT, API under /v1/...
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class HostawayStandIn implements AutoCloseable {

    private final WireMockServer server;
    private final HostawayApi api;
    private final HostawayStandInOptions options;

    private HostawayStandIn(HostawayStandInOptions options) {
        this.options = options;
        this.api = new HostawayApi(options);
        this.server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(options.port())
                .extensions(new HostawayResponseTransformer(api)).disableRequestJournal().containerThreads(40)
                // WireMock's own admin API (/__admin) is refused over HTTP so clients cannot remove the catch-all stub
                .adminAuthenticator(request -> false).stubRequestLoggingDisabled(true)
                .notifier(new ConsoleNotifier(false)));
    }

    /** Starts a stand-in on 127.0.0.1 with default options; {@code port} 0 picks a free port. */
    public static HostawayStandIn start(int port) {
        return start(HostawayStandInOptions.defaults().withPort(port));
    }

    public static HostawayStandIn start(HostawayStandInOptions options) {
        HostawayStandIn standIn = new HostawayStandIn(Objects.requireNonNull(options, "options"));
        standIn.server.start();
        standIn.server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(200)));
        return standIn;
    }

    /** {@code http://127.0.0.1:PORT}; the API paths are {@code /v1/...} under it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    public HostawayStandInOptions options() {
        return options;
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * Restores the seed data of every account (seeded and added ones, original secrets), and clears tokens, rate-limit
     * windows, injected failures and request counters.
     */
    public void reset() {
        api.reset();
    }

    /**
     * Adds (or regenerates) an account with deterministic generated data.
     *
     * @param listings total number of listings (archived ones included), below 10 000
     * @param archivedListings how many of them are archived (the last ones)
     */
    public HostawayAccount addAccount(long accountId, String secret, int listings, int archivedListings) {
        return api.addAccount(new HostawayAccount(accountId, secret, listings, archivedListings));
    }

    /** All accounts, by id, with their current secrets. */
    public List<HostawayAccount> accounts() {
        return api.accounts();
    }

    /**
     * The next {@code count} authenticated API requests of the account (not token requests) answer {@code httpStatus}
     * with a failure body, after the rate-limit check. Replaces an earlier plan; {@code count} 0 cancels it.
     */
    public void failNext(long accountId, int count, int httpStatus) {
        api.failNext(accountId, count, httpStatus);
    }

    /**
     * The next {@code count} authenticated API requests of the account (not token requests) are answered as usual, but
     * only after {@code delay} (to make clients time out). Replaces an earlier plan; {@code count} 0 cancels it.
     */
    public void delayNext(long accountId, int count, Duration delay) {
        api.delayNext(accountId, count, delay.toMillis());
    }

    /**
     * The next {@code count} authenticated API requests of the account (not token requests) answer 200 with a JSON
     * content type and a body that is not valid JSON (cut off mid-object). Replaces an earlier plan; {@code count} 0
     * cancels it.
     */
    public void malformNext(long accountId, int count) {
        api.malformNext(accountId, count);
    }

    /**
     * Every request received since start or {@link #reset()}, oldest first, as {@code "METHOD target"} with the target
     * exactly as sent (path and query, still percent-encoded): lets tests check that a client never reached a path it
     * should not. Only the most recent 20 000 are kept.
     */
    public List<String> receivedRequests() {
        return api.receivedRequests();
    }

    /** Invalidates every token of the account; later calls with them answer 403 as an expired token does. */
    public void revokeTokens(long accountId) {
        api.revokeTokens(accountId);
    }

    /** Only {@code newSecret} is accepted for new tokens from now on; tokens already issued stay valid. */
    public void rotateSecret(long accountId, String newSecret) {
        api.rotateSecret(accountId, newSecret);
    }

    /**
     * Requests attributed to the account since start or {@link #reset()}: token requests naming it as
     * {@code client_id}, token revocations of its tokens, and every API request with one of its tokens (including
     * those answered 429 or with an injected failure).
     */
    public int requestCount(long accountId) {
        return api.requestCount(accountId);
    }
}
