package com.hostmcp.billing.stripe;

/** Stripe refused the request (4xx other than 429): retrying the same request cannot help. */
public class StripeRejectedException extends RuntimeException {

    private final int status;

    public StripeRejectedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
