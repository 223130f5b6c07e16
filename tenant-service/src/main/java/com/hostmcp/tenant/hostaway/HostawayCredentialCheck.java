package com.hostmcp.tenant.hostaway;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Proves that credentials work the way the platform will use them: a token request, then {@code GET /v1/listings?limit=1}
 * with the new token. A failing or unreachable Hostaway is retried briefly (the user is waiting); a rate limit or a
 * rejection is not.
 */
@ApplicationScoped
public class HostawayCredentialCheck {

    private static final Logger LOG = Logger.getLogger(HostawayCredentialCheck.class);

    private final HostawayClient hostaway;
    private final Duration tokenActivationDelay;

    public HostawayCredentialCheck(@RestClient HostawayClient hostaway,
            @ConfigProperty(name = "hostaway.token-activation-delay") Duration tokenActivationDelay) {
        this.hostaway = hostaway;
        this.tokenActivationDelay = tokenActivationDelay;
    }

    /**
     * Completes when Hostaway accepted the credentials.
     *
     * @throws HostawayRejectedException (as the failure) when Hostaway refused them
     * @throws HostawayUnavailableException (as the failure) when it could not tell, including timeouts
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = { HostawayUnavailableException.class,
            TimeoutException.class }, abortOn = { HostawayRateLimitedException.class, HostawayRejectedException.class })
    public Uni<Void> verify(String accountId, String secretKey) {
        return hostaway.accessToken("client_credentials", accountId, secretKey, "general")
                .flatMap(this::activated)
                .flatMap(token -> hostaway.listings("Bearer " + token.accessToken(), 1))
                .invoke(page -> {
                    if (!"success".equals(page.status())) {
                        throw new HostawayUnavailableException("GET /v1/listings answered status " + page.status(),
                                HostawayUnavailableException.DEFAULT_RETRY_AFTER_SECONDS);
                    }
                })
                .onFailure(failure -> !(failure instanceof HostawayRejectedException
                        || failure instanceof HostawayUnavailableException))
                .transform(HostawayCredentialCheck::unavailable)
                .replaceWithVoid();
    }

    /** Hostaway accepts a new token only a moment after issuing it. */
    private Uni<HostawayClient.AccessToken> activated(HostawayClient.AccessToken token) {
        Uni<HostawayClient.AccessToken> issued = Uni.createFrom().item(token);
        return tokenActivationDelay.isZero() ? issued : issued.onItem().delayIt().by(tokenActivationDelay);
    }

    /** Connection failures, read timeouts, unreadable answers: Hostaway could not confirm the credentials. */
    private static HostawayUnavailableException unavailable(Throwable failure) {
        // class names only: a parser's message may quote the token response
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        LOG.warnf("Hostaway credential check failed: %s (caused by %s)", failure.getClass().getName(),
                cause.getClass().getName());
        return new HostawayUnavailableException("Hostaway could not be reached",
                HostawayUnavailableException.DEFAULT_RETRY_AFTER_SECONDS);
    }
}
