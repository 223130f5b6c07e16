package com.hostmcp.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.hostmcp.billing.EntitlementPolicy.Decision;

/** The entitlement state machine under both payment-failure policies (no Quarkus needed: it is pure). */
class EntitlementPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2026-04-01T10:00:00Z");

    private final EntitlementPolicy suspend = new EntitlementPolicy(PaymentFailurePolicy.SUSPEND, Duration.ofDays(3));
    private final EntitlementPolicy pastDue = new EntitlementPolicy(PaymentFailurePolicy.PAST_DUE, Duration.ofDays(3));

    @Test
    void aFailedPaymentSuspendsAtOnceByDefault() {
        Decision decision = suspend.paymentFailed(entitlement(EntitlementState.ACTIVE, PERIOD_END), "invoice in_1 failed",
                NOW).orElseThrow();

        assertThat(decision.state()).isEqualTo(EntitlementState.SUSPENDED);
        assertThat(decision.state().mcpAccess()).isFalse();
        assertThat(decision.validUntil()).isNull();
    }

    @Test
    void withThePastDuePolicyAccessContinuesForTheGracePeriodThenEnds() {
        Entitlement active = entitlement(EntitlementState.ACTIVE, PERIOD_END);

        Decision decision = pastDue.paymentFailed(active, "invoice in_1 failed", NOW).orElseThrow();
        assertThat(decision.state()).isEqualTo(EntitlementState.PAST_DUE);
        assertThat(decision.state().mcpAccess()).isTrue();
        assertThat(decision.validUntil()).isEqualTo(NOW.plus(Duration.ofDays(3)));

        Entitlement inGrace = entitlement(EntitlementState.PAST_DUE, decision.validUntil());
        assertThat(pastDue.paymentFailed(inGrace, "retry failed", NOW.plusSeconds(3600)))
                .as("a second failure does not extend the grace period").isEmpty();
        assertThat(pastDue.graceEnded(inGrace).orElseThrow().state()).isEqualTo(EntitlementState.SUSPENDED);
    }

    @Test
    void aStripePastDueSubscriptionFollowsThePaymentFailurePolicy() {
        SubscriptionSnapshot pastDueSubscription = subscription("past_due", false);
        Entitlement active = entitlement(EntitlementState.ACTIVE, PERIOD_END);

        assertThat(suspend.subscription(active, pastDueSubscription, NOW).orElseThrow().state())
                .isEqualTo(EntitlementState.SUSPENDED);
        assertThat(pastDue.subscription(active, pastDueSubscription, NOW).orElseThrow().state())
                .isEqualTo(EntitlementState.PAST_DUE);
    }

    @Test
    void aPaidInvoiceActivatesUntilThePeriodEnd() {
        Decision decision = suspend.paymentSucceeded("in_1", PERIOD_END).orElseThrow();

        assertThat(decision.state()).isEqualTo(EntitlementState.ACTIVE);
        assertThat(decision.validUntil()).isEqualTo(PERIOD_END);
        assertThat(decision.reason()).isEqualTo("invoice in_1 paid");
    }

    @Test
    void cancelAtPeriodEndStaysActiveUntilThePeriodEndsThenCancels() {
        SubscriptionSnapshot canceling = subscription("active", true);
        Entitlement active = entitlement(EntitlementState.ACTIVE, PERIOD_END);

        Decision decision = suspend.subscription(active, canceling, NOW).orElseThrow();
        assertThat(decision.state()).isEqualTo(EntitlementState.ACTIVE);
        assertThat(decision.validUntil()).isEqualTo(PERIOD_END);
        assertThat(EntitlementPolicy.changes(active, decision)).as("access and validity are unchanged").isFalse();

        assertThat(suspend.periodEnded(active, canceling).orElseThrow().state()).isEqualTo(EntitlementState.CANCELED);
        assertThat(suspend.periodEnded(active, subscription("active", false))).as("a renewing subscription").isEmpty();
        assertThat(suspend.subscription(active, subscription("canceled", false), NOW).orElseThrow().state())
                .isEqualTo(EntitlementState.CANCELED);
    }

    @Test
    void aTrialEndsInSuspensionOnlyFromTrial() {
        assertThat(suspend.trialEnded(entitlement(EntitlementState.TRIAL, NOW)).orElseThrow())
                .isEqualTo(new Decision(EntitlementState.SUSPENDED, "trial ended", null));
        assertThat(suspend.trialEnded(entitlement(EntitlementState.ACTIVE, PERIOD_END))).isEmpty();
    }

    @Test
    void aCanceledEntitlementIsNotSuspendedByALatePaymentFailure() {
        assertThat(suspend.paymentFailed(entitlement(EntitlementState.CANCELED, null), "late", NOW)).isEmpty();
        assertThat(pastDue.paymentFailed(entitlement(EntitlementState.CANCELED, null), "late", NOW)).isEmpty();
    }

    @Test
    void anIncompleteSubscriptionLeavesTheTrialAlone() {
        assertThat(suspend.subscription(entitlement(EntitlementState.TRIAL, PERIOD_END), subscription("incomplete", false),
                NOW)).isEqualTo(Optional.empty());
    }

    private static Entitlement entitlement(EntitlementState state, Instant validUntil) {
        return new Entitlement(UUID.randomUUID(), state, "test", validUntil, 3, NOW, null);
    }

    private static SubscriptionSnapshot subscription(String status, boolean cancelAtPeriodEnd) {
        return new SubscriptionSnapshot("sub_1", "cus_1", status, "si_1", "price_1", 4, cancelAtPeriodEnd, PERIOD_END,
                null, NOW.minus(Duration.ofDays(30)), null);
    }
}
