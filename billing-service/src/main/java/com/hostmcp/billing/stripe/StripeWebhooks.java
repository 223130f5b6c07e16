package com.hostmcp.billing.stripe;

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
        try {
            return Webhook.constructEvent(payload, signatureHeader, secret, toleranceSeconds);
        } catch (SignatureVerificationException e) {
            // the library's message tells apart "no signatures found" and a timestamp outside the tolerance
            throw new InvalidWebhookException("the Stripe-Signature is not valid for this body: " + e.getMessage());
        } catch (RuntimeException e) {
            // signed, but not JSON of an event (stripe-java's parser fails with its own unchecked exceptions)
            throw new InvalidWebhookException("the body is not a Stripe event");
        }
    }
}
