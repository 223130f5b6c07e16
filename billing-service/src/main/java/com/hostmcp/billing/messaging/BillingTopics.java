package com.hostmcp.billing.messaging;

/** The topics billing-service publishes to (contracts in docs/events). */
public final class BillingTopics {

    /** Compacted: each organization's entitlement snapshot, keyed by organization id. */
    public static final String ENTITLEMENTS = "billing.entitlements.v1";
    /** Domain events keyed by organization id: subscriptions and payments. */
    public static final String EVENTS = "billing.events.v1";

    private BillingTopics() {
    }
}
