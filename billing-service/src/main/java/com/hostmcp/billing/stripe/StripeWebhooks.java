package com.hostmcp.billing.stripe;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.config.StripeConfig;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;

/** Checks that a webhook request comes from Stripe: the signature over the raw body, and its age. */
@ApplicationScoped
public class StripeWebhooks {

    /** The request is not a signed, fresh Stripe event; nothing of it may be processed. */
    public static class InvalidWebhookException extends RuntimeException {

        public InvalidWebhookException(String message) {
            super(message, null, false, false);
        }
    }

    /** Stripe's event types, e.g. {@code invoice.payment_failed}, {@code customer.subscription.updated}. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z_]+(\\.[a-z_]+)+");

    private final String secret;
    private final long toleranceSeconds;

    public StripeWebhooks(StripeConfig config) {
        this.secret = config.webhookSecret();
        this.toleranceSeconds = config.webhookTolerance().toSeconds();
    }

    /** The verified event; {@code payload} must be the body exactly as received. */
    public Event verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhookException("the Stripe-Signature header is missing");
        }
        if (payload == null || payload.isEmpty()) {
            throw new InvalidWebhookException("the request has no body");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, secret, toleranceSeconds);
        } catch (SignatureVerificationException e) {
            // the library's message tells apart "no signatures found" and a timestamp outside the tolerance
            throw new InvalidWebhookException("the Stripe-Signature is not valid for this body: " + e.getMessage());
        } catch (RuntimeException e) {
            // signed, but not JSON of an event (stripe-java's parser fails with its own unchecked exceptions)
            throw new InvalidWebhookException("the body is not a Stripe event");
        }
        // JSON that parses as an event may still lack what every event has (the parser fills in nulls)
        if (event.getId() == null || !event.getId().startsWith("evt_") || event.getType() == null
                || !EVENT_TYPE.matcher(event.getType()).matches() || event.getCreated() == null
                || event.getData() == null) {
            throw new InvalidWebhookException("the body is not a Stripe event: id, type, created and data are required");
        }
        return event;
    }
}
