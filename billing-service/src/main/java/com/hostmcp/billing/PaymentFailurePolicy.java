package com.hostmcp.billing;

/** What a failed payment does to the entitlement ({@code billing.payment-failure.policy}). */
public enum PaymentFailurePolicy {
    /** SUSPENDED at once: the gateway refuses tool calls until a payment succeeds (the default). */
    SUSPEND,
    /** PAST_DUE with access for {@code billing.payment-failure.grace}, then SUSPENDED. */
    PAST_DUE
}
