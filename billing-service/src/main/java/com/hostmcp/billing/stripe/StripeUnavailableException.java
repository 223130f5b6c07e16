package com.hostmcp.billing.stripe;

/** Stripe could not be reached, timed out, rate-limited us or failed on its side: retrying later may succeed. */
public class StripeUnavailableException extends RuntimeException {

    public StripeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
