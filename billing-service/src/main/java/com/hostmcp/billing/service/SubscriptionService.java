package com.hostmcp.billing.service;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.SubscriptionSnapshot;
import com.hostmcp.billing.messaging.BillingEventData.SubscriptionCanceled;
import com.hostmcp.billing.messaging.BillingEventData.SubscriptionStarted;
import com.hostmcp.billing.messaging.BillingEventData.SubscriptionUpdated;
import com.hostmcp.billing.messaging.BillingEvents;
import com.hostmcp.billing.repository.StoredSubscription;
import com.hostmcp.billing.repository.SubscriptionRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Records what Stripe says about a subscription, publishes the matching domain event and lets the entitlement follow.
 * Callers hold the organization's account lock and have decided that the snapshot is not older than the stored state.
 */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    private final SubscriptionRepository subscriptions;
    private final EntitlementService entitlements;
    private final BillingEvents events;

    public SubscriptionService(SubscriptionRepository subscriptions, EntitlementService entitlements,
            BillingEvents events) {
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
        this.events = events;
    }

    /**
     * Stores {@code snapshot} for the organization.
     *
     * @param stateAsOf {@code created} of the Stripe event the snapshot comes from, or null for an answer to our own
     *        API call (the stored time is kept, so any later event still applies)
     */
    public Uni<Void> apply(SqlConnection tx, UUID organizationId, SubscriptionSnapshot snapshot,
            Optional<StoredSubscription> stored, Long stateAsOf) {
        boolean startsNow = stored.map(s -> !s.startedPublished()).orElse(true) && startable(snapshot);
        boolean started = stored.map(StoredSubscription::startedPublished).orElse(false) || startsNow;
        long asOf = stateAsOf != null ? stateAsOf : stored.map(StoredSubscription::stateAsOf).orElse(0L);
        return subscriptions.save(tx, new StoredSubscription(organizationId, snapshot, asOf, started))
                .chain(() -> domainEvent(tx, organizationId, snapshot, stored.map(StoredSubscription::snapshot), startsNow))
                .chain(() -> subscriptions.current(tx, organizationId))
                .chain(current -> {
                    // an event of an older subscription (e.g. the deletion of a replaced one) does not decide access
                    if (current.isEmpty() || !current.get().snapshot().id().equals(snapshot.id())) {
                        return Uni.createFrom().voidItem();
                    }
                    var policy = entitlements.policy();
                    return (stateAsOf != null
                            ? entitlements.decideFromStripe(tx, organizationId, stateAsOf,
                                    e -> policy.subscription(e, snapshot, EntitlementService.now()))
                            : entitlements.decide(tx, organizationId,
                                    e -> policy.subscription(e, snapshot, EntitlementService.now())))
                            .replaceWithVoid();
                });
    }

    /** SubscriptionStarted needs a billing subscription with a price, a quantity and a period. */
    private static boolean startable(SubscriptionSnapshot s) {
        return s.live() && s.quantity() >= 1 && s.priceId() != null && s.currentPeriodEnd() != null;
    }

    private Uni<Void> domainEvent(SqlConnection tx, UUID organizationId, SubscriptionSnapshot now,
            Optional<SubscriptionSnapshot> before, boolean startsNow) {
        if (startsNow) {
            return events.domainEvent(tx, organizationId, SubscriptionStarted.TYPE, new SubscriptionStarted(organizationId,
                    now.id(), now.customerId(), now.priceId(), now.quantity(), now.currentPeriodEnd()));
        }
        if (before.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SubscriptionSnapshot was = before.get();
        if (now.canceled() && !was.canceled()) {
            return events.domainEvent(tx, organizationId, SubscriptionCanceled.TYPE, new SubscriptionCanceled(
                    organizationId, now.id(), now.canceledAt() != null ? now.canceledAt() : EntitlementService.now()));
        }
        boolean changed = !now.status().equals(was.status()) || now.quantity() != was.quantity()
                || now.cancelAtPeriodEnd() != was.cancelAtPeriodEnd()
                || !Objects.equals(now.currentPeriodEnd(), was.currentPeriodEnd());
        if (!changed) {
            return Uni.createFrom().voidItem();
        }
        if (now.currentPeriodEnd() == null) {
            LOG.warnf("Subscription %s changed but has no period end; SubscriptionUpdated not published", now.id());
            return Uni.createFrom().voidItem();
        }
        return events.domainEvent(tx, organizationId, SubscriptionUpdated.TYPE, new SubscriptionUpdated(organizationId,
                now.id(), now.status(), now.quantity(), now.cancelAtPeriodEnd(), now.currentPeriodEnd()));
    }
}
