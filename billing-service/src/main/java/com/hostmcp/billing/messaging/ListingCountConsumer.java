package com.hostmcp.billing.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.hostmcp.billing.service.QuantitySyncService;
import com.hostmcp.billing.stripe.StripeRejectedException;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Listing counts from sync-service; the subscription quantity follows them. Acknowledged only after the change is
 * recorded (at least once; the Stripe update carries an idempotency key). Stripe or database outages are retried with
 * backoff; an unreadable record, or a quantity update Stripe refuses, goes to the dead-letter topic (the next count
 * tries again).
 */
@ApplicationScoped
public class ListingCountConsumer {

    private final QuantitySyncService quantities;
    private final CloudEventCodec codec;

    public ListingCountConsumer(QuantitySyncService quantities, CloudEventCodec codec) {
        this.quantities = quantities;
        this.codec = codec;
    }

    @Incoming(BillingChannels.LISTING_COUNTS)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = {
            MalformedEventException.class, StripeRejectedException.class })
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onListingCount(String value) {
        return Uni.createFrom().item(() -> codec.decode(value)).flatMap(quantities::apply);
    }
}
