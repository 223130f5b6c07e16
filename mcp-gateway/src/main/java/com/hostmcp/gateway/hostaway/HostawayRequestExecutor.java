package com.hostmcp.gateway.hostaway;

import java.net.ConnectException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.gateway.hostaway.AccessTokenCache.AccessToken;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.security.CredentialDecryptionException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Sends one Hostaway request for one account: with the account's token (refreshed once when Hostaway refuses it),
 * within the outbound limits, under a per-attempt timeout, through the account's circuit breaker, with retries of
 * transient failures. Every HTTP exchange is recorded in the caller's {@link HostawayCallStats} and in the
 * {@code hostmcp.hostaway.requests} timer. Failures come out as {@link HostawayException}s.
 */
@ApplicationScoped
public class HostawayRequestExecutor {

    /** Status and body of one answer; the body is read at once so that nothing holds the connection. */
    record Reply(int status, String body) {
    }

    /** An account's token cache and circuit breaker, kept across tool calls. */
    static final class AccountState {
        final AccessTokenCache tokens = new AccessTokenCache();
        final Guard circuitBreaker;

        AccountState(Guard circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
        }
    }

    /** One organization's account as a tool call uses it. */
    record BoundAccount(UUID organizationId, String accountId, String encryptedCredentials, AccountState state,
            HostawayCallStats stats) {

        @Override
        public String toString() {
            return "BoundAccount[organizationId=" + organizationId + ", accountId=" + accountId + "]";
        }
    }

    private static final Logger LOG = Logger.getLogger(HostawayRequestExecutor.class);
    private static final TypeLiteral<Uni<Reply>> REPLY = new TypeLiteral<>() {
    };
    private static final int MAX_MESSAGE_CHARS = 300;

    private final HostawayRestClient client;
    private final OutboundShaping shaping;
    private final CredentialCipher cipher;
    private final CredentialFailureReporter reporter;
    private final HostawayClientConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Counter circuitOpens;
    private final Guard timeout;
    private final Guard retryIdempotent;
    private final Guard retryNotSent;

    HostawayRequestExecutor(@RestClient HostawayRestClient client, OutboundShaping shaping, CredentialCipher cipher,
            CredentialFailureReporter reporter, HostawayClientConfig config, ObjectMapper mapper,
            MeterRegistry registry) {
        this.client = client;
        this.shaping = shaping;
        this.cipher = cipher;
        this.reporter = reporter;
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.circuitOpens = registry.counter("hostmcp.hostaway.circuit-breaker.opens");
        this.timeout = Guard.create().withTimeout().duration(config.requestTimeout().toMillis(), ChronoUnit.MILLIS)
                .done().build();
        this.retryIdempotent = retryGuard(failure -> failure instanceof TransientFailure);
        this.retryNotSent = retryGuard(failure -> failure instanceof TransientFailure transientFailure
                && transientFailure.notSent());
    }

    private Guard retryGuard(Predicate<Throwable> retryable) {
        HostawayClientConfig.Retry retry = config.retry();
        return Guard.create().withRetry().maxRetries(retry.maxRetries())
                .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS).whenException(retryable)
                .withExponentialBackoff().factor(2).maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done().build();
    }

    /** A new account's state: its own circuit breaker, so that one failing account never stops another. */
    AccountState newAccountState() {
        HostawayClientConfig.CircuitBreaker breaker = config.circuitBreaker();
        Guard circuitBreaker = Guard.create().withCircuitBreaker()
                .requestVolumeThreshold(breaker.requestVolumeThreshold()).failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS).successThreshold(breaker.successThreshold())
                .when(failure -> failure instanceof TimeoutException
                        || failure instanceof TransientFailure transientFailure && transientFailure.isOutage())
                .onStateChange(state -> {
                    if (state == CircuitBreakerState.OPEN) {
                        circuitOpens.increment();
                    }
                }).done().build();
        return new AccountState(circuitBreaker);
    }

    /**
     * @param send sends the request with the given {@code Authorization} header value
     * @return the 2xx answer
     */
    Uni<Reply> execute(BoundAccount account, HostawayRequest request, Function<String, Uni<Response>> send) {
        Guard retry = request.idempotent() ? retryIdempotent : retryNotSent;
        Supplier<Uni<Reply>> attempt = () -> account.state().circuitBreaker.get(() -> attempt(account, request, send),
                REPLY);
        return retry.get(attempt, REPLY).onFailure().transform(failure -> outcome(request, failure));
    }

    private Uni<Reply> attempt(BoundAccount account, HostawayRequest request, Function<String, Uni<Response>> send) {
        return token(account, null).chain(token -> sendWith(account, request, send, token).chain(reply -> {
            if (!refusesToken(reply)) {
                return Uni.createFrom().item(reply);
            }
            return token(account, token).chain(fresh -> sendWith(account, request, send, fresh));
        })).map(reply -> successOrThrow(account, request, reply));
    }

    private Uni<Reply> sendWith(BoundAccount account, HostawayRequest request, Function<String, Uni<Response>> send,
            AccessToken token) {
        return shaping.acquire(account.accountId(), request.name())
                .chain(() -> exchange(account.stats(), request, () -> send.apply("Bearer " + token.value())));
    }

    private Reply successOrThrow(BoundAccount account, HostawayRequest request, Reply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return reply;
        }
        if (status == 404) {
            throw new HostawayException.NotFound(request.name() + ": not found in this organization's Hostaway account");
        }
        if (status == 429) {
            throw new TransientFailure(TransientFailure.Kind.RATE_LIMITED, status, true,
                    request.name() + ": Hostaway answered 429 (rate limit)");
        }
        if (status >= 500) {
            throw new TransientFailure(TransientFailure.Kind.SERVER_ERROR, status, false,
                    request.name() + ": Hostaway answered " + status);
        }
        if (refusesToken(reply)) {
            String reason = request.name() + " answered " + status + " with a freshly issued access token";
            reporter.report(account.organizationId(), account.accountId(), status, reason);
            throw new HostawayException.CredentialsRejected(request.name()
                    + ": Hostaway refused this organization's credentials (HTTP " + status
                    + "); reconnect Hostaway with a valid account id and secret");
        }
        throw new HostawayException.Rejected(
                request.name() + ": Hostaway refused the request (HTTP " + status + "): " + message(reply));
    }

    /** The account's token, or a new one when {@code rejected} (the token Hostaway just refused) is the cached one. */
    private Uni<AccessToken> token(BoundAccount account, AccessToken rejected) {
        return account.state().tokens.get(account.encryptedCredentials(), rejected, () -> requestToken(account))
                .onFailure(TransientFailure.class).transform(failure -> ((TransientFailure) failure).beforeSending());
    }

    private Uni<AccessToken> requestToken(BoundAccount account) {
        String secret;
        try {
            secret = cipher.decrypt(account.organizationId(),
                    Base64.getDecoder().decode(account.encryptedCredentials()));
        } catch (CredentialDecryptionException | IllegalArgumentException e) {
            // our keyset does not match the stored ciphertext: reconnecting stores it again under the current key
            LOG.errorf("The Hostaway credentials of organization %s cannot be decrypted", account.organizationId());
            return Uni.createFrom().failure(new HostawayException.CredentialsRejected(HostawayRequest.ISSUE_TOKEN.name()
                    + ": the stored Hostaway credentials of this organization cannot be used; reconnect Hostaway"));
        }
        HostawayRequest request = HostawayRequest.ISSUE_TOKEN;
        return shaping.acquire(null, request.name())
                .chain(() -> exchange(account.stats(), request,
                        () -> client.issueToken("client_credentials", account.accountId(), secret, "general")))
                .map(reply -> accessToken(account, reply));
    }

    private AccessToken accessToken(BoundAccount account, Reply reply) {
        HostawayRequest request = HostawayRequest.ISSUE_TOKEN;
        int status = reply.status();
        if (status == 429) {
            throw new TransientFailure(TransientFailure.Kind.RATE_LIMITED, status, true,
                    request.name() + ": Hostaway answered 429 (rate limit)");
        }
        if (status >= 500) {
            throw new TransientFailure(TransientFailure.Kind.SERVER_ERROR, status, true,
                    request.name() + ": Hostaway answered " + status);
        }
        if (status >= 400) {
            reporter.report(account.organizationId(), account.accountId(), status,
                    request.name() + " answered " + status + ": " + message(reply));
            throw new HostawayException.CredentialsRejected(request.name()
                    + ": Hostaway refused this organization's credentials (HTTP " + status
                    + "); reconnect Hostaway with a valid account id and secret");
        }
        JsonNode body = json(reply);
        String value = body.path("access_token").asText("");
        long expiresInSeconds = body.path("expires_in").asLong(0);
        if (status >= 300 || value.isEmpty() || expiresInSeconds <= 0) {
            throw new TransientFailure(TransientFailure.Kind.SERVER_ERROR, status, true,
                    request.name() + ": Hostaway answered " + status + " without a usable token");
        }
        long issued = System.nanoTime();
        long lifetime = TimeUnit.SECONDS.toNanos(expiresInSeconds);
        long margin = config.token().refreshMargin().toNanos();
        long refreshAfter = lifetime > 2 * margin ? lifetime - margin : lifetime / 2;
        return new AccessToken(value, account.encryptedCredentials(),
                issued + config.token().activationDelay().toNanos(), issued + refreshAfter);
    }

    /** One HTTP exchange under the timeout, recorded in the stats and the request timer. */
    private Uni<Reply> exchange(HostawayCallStats stats, HostawayRequest request, Supplier<Uni<Response>> send) {
        long start = System.nanoTime();
        Supplier<Uni<Reply>> reply = () -> send.get().map(HostawayRequestExecutor::read);
        return timeout.get(reply, REPLY).onItemOrFailure().invoke((answer, failure) -> {
            Integer status = answer == null ? null : answer.status();
            stats.record(status);
            Timer.builder("hostmcp.hostaway.requests").tag("operation", request.operation())
                    .tag("status", status == null ? "error" : String.valueOf(status)).register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }).onFailure(failure -> !(failure instanceof HostawayException))
                .transform(failure -> noAnswer(request, failure));
    }

    private static Reply read(Response response) {
        try (response) {
            return new Reply(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
        }
    }

    private TransientFailure noAnswer(HostawayRequest request, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new TransientFailure(TransientFailure.Kind.TIMEOUT, null, false, request.name()
                    + ": Hostaway did not answer within " + config.requestTimeout().toMillis() + " ms");
        }
        boolean refused = causedBy(failure, ConnectException.class);
        return new TransientFailure(TransientFailure.Kind.NETWORK, null, refused,
                request.name() + ": Hostaway could not be reached (" + (refused ? "connection refused" : "network error")
                        + ")");
    }

    /** What the caller gets once the retries are over. */
    private Throwable outcome(HostawayRequest request, Throwable failure) {
        if (failure instanceof HostawayException) {
            return failure;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            long seconds = wholeSeconds(config.circuitBreaker().delay());
            return new HostawayException.Unavailable(request.name() + ": Hostaway has been failing for this account;"
                    + " calls are paused, retry in " + seconds + " s", seconds);
        }
        if (failure instanceof TransientFailure transientFailure) {
            return switch (transientFailure.kind()) {
                case RATE_LIMITED -> {
                    long seconds = wholeSeconds(config.perAccount().window());
                    yield new HostawayException.RateLimited(transientFailure.getMessage() + "; retry in " + seconds
                            + " s", seconds);
                }
                case TIMEOUT -> new HostawayException.Timeout(transientFailure.getMessage());
                case SERVER_ERROR, NETWORK -> new HostawayException.Unavailable(transientFailure.getMessage(),
                        wholeSeconds(config.retry().maxDelay()));
            };
        }
        // only class names: an exception's message may quote the request (guest names or emails in query parameters)
        LOG.warnf("Unexpected failure of %s: %s", request.operation(), causeChain(failure));
        return new HostawayException.Unavailable(request.name() + ": the call to Hostaway failed unexpectedly",
                wholeSeconds(config.retry().maxDelay()));
    }

    private static boolean refusesToken(Reply reply) {
        return reply.status() == 401 || reply.status() == 403;
    }

    JsonNode json(Reply reply) {
        try {
            return mapper.readTree(reply.body());
        } catch (Exception e) {
            return mapper.missingNode();
        }
    }

    /** Hostaway's own explanation ({@code result}, or {@code message} on 429), shortened. */
    String message(Reply reply) {
        JsonNode body = json(reply);
        JsonNode text = body.path("result").isTextual() ? body.path("result") : body.path("message");
        String message = text.isTextual() && !text.asText().isBlank() ? text.asText() : "no explanation given";
        return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message;
    }

    private static long wholeSeconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static String causeChain(Throwable failure) {
        StringBuilder chain = new StringBuilder(failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
