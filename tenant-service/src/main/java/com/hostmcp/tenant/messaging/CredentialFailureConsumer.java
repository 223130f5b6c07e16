package com.hostmcp.tenant.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.tenant.service.HostawayCredentialService;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Credential failures reported by the gateway and sync-service. Acknowledged only after the database commit (at least
 * once); redeliveries change nothing (the service claims each event id). Transient failures are retried with backoff;
 * an unreadable record goes to the dead-letter topic instead of blocking its partition.
 */
@ApplicationScoped
public class CredentialFailureConsumer {

    private final HostawayCredentialService credentials;
    private final CloudEventCodec codec;

    public CredentialFailureConsumer(HostawayCredentialService credentials, CloudEventCodec codec) {
        this.credentials = credentials;
        this.codec = codec;
    }

    @Incoming(TenantChannels.CREDENTIAL_FAILURES)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onCredentialFailure(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(credentials::recordRejection);
    }
}
