package com.hostmcp.billing.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.billing.service.AccountService;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Tenant domain events; a new organization gets its billing account and trial. Acknowledged only after the database
 * commit (at least once); redeliveries change nothing. Transient failures are retried with backoff; an unreadable
 * record goes to the dead-letter topic instead of blocking its partition.
 */
@ApplicationScoped
public class TenantEventConsumer {

    private final AccountService accounts;
    private final CloudEventCodec codec;

    public TenantEventConsumer(AccountService accounts, CloudEventCodec codec) {
        this.accounts = accounts;
        this.codec = codec;
    }

    @Incoming(BillingChannels.TENANT_EVENTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onTenantEvent(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(accounts::apply);
    }
}
