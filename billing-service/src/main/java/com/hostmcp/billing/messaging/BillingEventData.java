package com.hostmcp.billing.messaging;

import java.time.Instant;
import java.util.UUID;

import com.hostmcp.billing.EntitlementState;

/**
 * The data of billing-service's events, as the contracts in {@code docs/events} describe them. Each record names its
 * CloudEvents type.
 */
public final class BillingEventData {

    private BillingEventData() {
    }

    /** The full entitlement snapshot for the compacted billing.entitlements.v1. */
    public record EntitlementChanged(UUID organizationId, EntitlementState state, boolean mcpAccess, String reason,
            Instant validUntil, long version, Instant changedAt) {
        public static final String TYPE = "com.hostmcp.billing.EntitlementChanged.v1";
    }

    public record SubscriptionStarted(UUID organizationId, String subscriptionId, String customerId, String priceId,
            long quantity, Instant currentPeriodEnd) {
        public static final String TYPE = "com.hostmcp.billing.SubscriptionStarted.v1";
    }

    public record SubscriptionUpdated(UUID organizationId, String subscriptionId, String status, long quantity,
            boolean cancelAtPeriodEnd, Instant currentPeriodEnd) {
        public static final String TYPE = "com.hostmcp.billing.SubscriptionUpdated.v1";
    }

    public record SubscriptionCanceled(UUID organizationId, String subscriptionId, Instant canceledAt) {
        public static final String TYPE = "com.hostmcp.billing.SubscriptionCanceled.v1";
    }

    public record SubscriptionQuantityChanged(UUID organizationId, String subscriptionId, long previousQuantity,
            long quantity, UUID syncRunId) {
        public static final String TYPE = "com.hostmcp.billing.SubscriptionQuantityChanged.v1";
    }

    public record PaymentFailed(UUID organizationId, String invoiceId, long amountDue, String currency,
            long attemptCount, Instant nextAttemptAt) {
        public static final String TYPE = "com.hostmcp.billing.PaymentFailed.v1";
    }

    public record PaymentSucceeded(UUID organizationId, String invoiceId, long amountPaid, String currency) {
        public static final String TYPE = "com.hostmcp.billing.PaymentSucceeded.v1";
    }
}
