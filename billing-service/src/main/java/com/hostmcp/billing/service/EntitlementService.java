package com.hostmcp.billing.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.Entitlement;
import com.hostmcp.billing.EntitlementPolicy;
import com.hostmcp.billing.EntitlementPolicy.Decision;
import com.hostmcp.billing.config.BillingConfig;
import com.hostmcp.billing.messaging.BillingEvents;
import com.hostmcp.billing.repository.EntitlementRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Stores entitlement changes and publishes each new version through the outbox, in the caller's transaction. Callers
 * hold the organization's account lock, so versions are decided one at a time.
 */
@ApplicationScoped
public class EntitlementService {

    private static final Logger LOG = Logger.getLogger(EntitlementService.class);

    private final EntitlementRepository entitlements;
    private final BillingEvents events;
    private final EntitlementPolicy policy;

    public EntitlementService(EntitlementRepository entitlements, BillingEvents events, BillingConfig config) {
        this.entitlements = entitlements;
        this.events = events;
        this.policy = new EntitlementPolicy(config.paymentFailure().policy(), config.paymentFailure().grace());
    }

    public EntitlementPolicy policy() {
        return policy;
    }

    /** The first entitlement of a new account: its trial. */
    public Uni<Entitlement> openTrial(SqlConnection tx, UUID organizationId, Instant trialEnd) {
        Decision trial = EntitlementPolicy.trialStarted(trialEnd);
        Entitlement first = new Entitlement(organizationId, trial.state(), trial.reason(), trial.validUntil(), 1, now(),
                null);
        return entitlements.insert(tx, first).chain(() -> events.entitlementChanged(tx, first)).replaceWith(first);
    }

    /** A decision driven by the clock or by our own call to Stripe. */
    public Uni<Optional<Entitlement>> decide(SqlConnection tx, UUID organizationId,
            Function<Entitlement, Optional<Decision>> decide) {
        return entitlements.find(tx, organizationId).flatMap(current -> current.isEmpty()
                ? Uni.createFrom().item(Optional.<Entitlement> empty())
                : change(tx, current.get(), decide.apply(current.get()), current.get().stripeEventCreated()));
    }

    /**
     * A decision driven by a Stripe event created at {@code eventCreated} (epoch seconds). An event older than the one
     * that last decided is ignored: it describes a state that has been superseded.
     */
    public Uni<Optional<Entitlement>> decideFromStripe(SqlConnection tx, UUID organizationId, long eventCreated,
            Function<Entitlement, Optional<Decision>> decide) {
        return entitlements.find(tx, organizationId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Entitlement> empty());
            }
            Entitlement current = found.get();
            if (current.stripeEventCreated() != null && eventCreated < current.stripeEventCreated()) {
                LOG.debugf("Entitlement of %s: Stripe event of %d is older than the one that decided it (%d); ignored",
                        organizationId, eventCreated, current.stripeEventCreated());
                return Uni.createFrom().item(Optional.<Entitlement> empty());
            }
            Optional<Decision> decision = decide.apply(current);
            if (decision.isEmpty() || !EntitlementPolicy.changes(current, decision.get())) {
                return entitlements.markStripeEvent(tx, organizationId, eventCreated).replaceWith(Optional.empty());
            }
            return change(tx, current, decision, eventCreated);
        });
    }

    private Uni<Optional<Entitlement>> change(SqlConnection tx, Entitlement current, Optional<Decision> decision,
            Long stripeEventCreated) {
        if (decision.isEmpty() || !EntitlementPolicy.changes(current, decision.get())) {
            return Uni.createFrom().item(Optional.empty());
        }
        Decision d = decision.get();
        Entitlement next = new Entitlement(current.organizationId(), d.state(), d.reason(), d.validUntil(),
                current.version() + 1, now(), stripeEventCreated);
        LOG.infof("Entitlement of %s: %s -> %s (%s), version %d", current.organizationId(), current.state(), d.state(),
                d.reason(), next.version());
        return entitlements.update(tx, next).chain(() -> events.entitlementChanged(tx, next)).replaceWith(Optional.of(next));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
