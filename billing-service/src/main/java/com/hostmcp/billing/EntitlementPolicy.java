package com.hostmcp.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The entitlement state machine: what each billing fact makes of the current entitlement. Pure; the service stores and
 * publishes a result only when it differs from the current entitlement ({@link #changes}).
 *
 * <pre>
 * (new organization)        -> TRIAL until the trial ends
 * trial ended, no payment   TRIAL -> SUSPENDED "trial ended"
 * subscription active       -> ACTIVE until the period end (also while it cancels at period end)
 * payment failed            -> SUSPENDED (policy SUSPEND) or PAST_DUE for the grace period (policy PAST_DUE)
 * grace ended               PAST_DUE -> SUSPENDED
 * invoice paid              -> ACTIVE until the period end
 * subscription unpaid/paused -> SUSPENDED
 * subscription canceled     -> CANCELED (Stripe's deletion at period end, or the period end passing)
 * </pre>
 */
public final class EntitlementPolicy {

    /** What an entitlement should be. */
    public record Decision(EntitlementState state, String reason, Instant validUntil) {

        public Decision {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final PaymentFailurePolicy paymentFailure;
    private final Duration grace;

    public EntitlementPolicy(PaymentFailurePolicy paymentFailure, Duration grace) {
        this.paymentFailure = paymentFailure;
        this.grace = grace;
    }

    public static Decision trialStarted(Instant trialEnd) {
        return new Decision(EntitlementState.TRIAL, "trial started", trialEnd);
    }

    /** Whether {@code decision} is a change worth a new version: state, access or the end of validity differ. */
    public static boolean changes(Entitlement current, Decision decision) {
        return current.state() != decision.state() || !Objects.equals(current.validUntil(), decision.validUntil());
    }

    /** The trial ran out without a subscription taking over. */
    public Optional<Decision> trialEnded(Entitlement current) {
        return current.state() == EntitlementState.TRIAL
                ? Optional.of(new Decision(EntitlementState.SUSPENDED, "trial ended", null))
                : Optional.empty();
    }

    /** The grace period after a failed payment ran out. */
    public Optional<Decision> graceEnded(Entitlement current) {
        return current.state() == EntitlementState.PAST_DUE
                ? Optional.of(new Decision(EntitlementState.SUSPENDED, "payment grace period ended", null))
                : Optional.empty();
    }

    /** A subscription set to cancel at period end reached its period end (Stripe's deletion event may still come). */
    public Optional<Decision> periodEnded(Entitlement current, SubscriptionSnapshot subscription) {
        return current.state() == EntitlementState.ACTIVE && subscription.cancelAtPeriodEnd()
                ? Optional.of(new Decision(EntitlementState.CANCELED,
                        "subscription " + subscription.id() + " ended at period end", null))
                : Optional.empty();
    }

    /** Stripe reported the subscription in this state. */
    public Optional<Decision> subscription(Entitlement current, SubscriptionSnapshot subscription, Instant now) {
        String id = subscription.id();
        return switch (subscription.status()) {
            case "active", "trialing" -> Optional.of(new Decision(EntitlementState.ACTIVE,
                    subscription.cancelAtPeriodEnd() ? "subscription " + id + " active, cancels at period end"
                            : "subscription " + id + " active",
                    subscription.currentPeriodEnd()));
            case "past_due" -> paymentFailed(current, "subscription " + id + " past due", now);
            case "unpaid" -> Optional.of(new Decision(EntitlementState.SUSPENDED, "subscription " + id + " unpaid", null));
            case "paused" -> Optional.of(new Decision(EntitlementState.SUSPENDED, "subscription " + id + " paused", null));
            case "canceled", "incomplete_expired" -> Optional.of(
                    new Decision(EntitlementState.CANCELED, "subscription " + id + " canceled", null));
            // incomplete: the first payment is still being attempted; whatever held before (e.g. the trial) holds
            default -> Optional.empty();
        };
    }

    /** A payment failed; a canceled entitlement stays canceled, a running grace period is not extended. */
    public Optional<Decision> paymentFailed(Entitlement current, String reason, Instant now) {
        if (current.state() == EntitlementState.CANCELED) {
            return Optional.empty();
        }
        if (paymentFailure == PaymentFailurePolicy.SUSPEND) {
            return Optional.of(new Decision(EntitlementState.SUSPENDED, reason, null));
        }
        if (current.state() == EntitlementState.PAST_DUE || current.state() == EntitlementState.SUSPENDED) {
            return Optional.empty();
        }
        return Optional.of(new Decision(EntitlementState.PAST_DUE, reason, now.plus(grace)));
    }

    /** An invoice was paid: access until the end of the period it pays for. */
    public Optional<Decision> paymentSucceeded(String invoiceId, Instant paidUntil) {
        return Optional.of(new Decision(EntitlementState.ACTIVE, "invoice " + invoiceId + " paid", paidUntil));
    }
}
