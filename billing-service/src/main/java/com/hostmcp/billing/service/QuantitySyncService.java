package com.hostmcp.billing.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.ListingCount;
import com.hostmcp.billing.messaging.BillingEventData.SubscriptionQuantityChanged;
import com.hostmcp.billing.messaging.BillingEvents;
import com.hostmcp.billing.messaging.ListingCountSynced;
import com.hostmcp.billing.repository.AccountRepository;
import com.hostmcp.billing.repository.ListingCountRepository;
import com.hostmcp.billing.repository.ListingCountRepository.Outcome;
import com.hostmcp.billing.repository.StoredSubscription;
import com.hostmcp.billing.repository.SubscriptionRepository;
import com.hostmcp.billing.stripe.StripeOperations;
import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps the subscription quantity equal to the active listing count (at least 1).
 * <ol>
 * <li>Records the count (an older count than the stored one is dropped) and compares it with the quantity last reported
 * by Stripe (webhooks and our own updates keep it current, so a quantity changed by hand in Stripe is corrected here).
 * Equal: done, without a Stripe call.</li>
 * <li>Different: updates the subscription item in Stripe, with an idempotency key of the sync run and item, outside any
 * transaction.</li>
 * <li>Records the change and publishes SubscriptionQuantityChanged in one transaction that claims the event id.</li>
 * </ol>
 * A redelivered count finds the new quantity and stops at step 1; one interrupted between steps 2 and 3 repeats step 2
 * with the same idempotency key, which Stripe answers without changing anything again.
 */
@ApplicationScoped
public class QuantitySyncService {

    /** The name under which listing-count events are claimed. */
    static final String CONSUMER = "listing-counts";

    private static final Logger LOG = Logger.getLogger(QuantitySyncService.class);

    /** A quantity update to make in Stripe. */
    private record Update(StoredSubscription subscription, long quantity) {
    }

    private final Pool pool;
    private final ProcessedEvents processed;
    private final AccountRepository accounts;
    private final ListingCountRepository counts;
    private final SubscriptionRepository subscriptions;
    private final BillingEvents events;
    private final StripeOperations stripe;
    private final CloudEventCodec codec;

    public QuantitySyncService(Pool pool, ProcessedEvents processed, AccountRepository accounts,
            ListingCountRepository counts, SubscriptionRepository subscriptions, BillingEvents events,
            StripeOperations stripe, CloudEventCodec codec) {
        this.pool = pool;
        this.processed = processed;
        this.accounts = accounts;
        this.counts = counts;
        this.subscriptions = subscriptions;
        this.events = events;
        this.stripe = stripe;
        this.codec = codec;
    }

    public Uni<Void> apply(CloudEvent event) {
        if (!ListingCountSynced.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ListingCount count = read(event);
        return pool.withTransaction(tx -> counts.record(tx, count).flatMap(outcome -> {
            if (outcome.isEmpty() || outcome.get() != Outcome.PENDING) {
                // a later count is stored, or this run has been decided already
                return Uni.createFrom().item(Optional.<Update> empty());
            }
            return subscriptions.current(tx, count.organizationId()).flatMap(current -> {
                if (current.isEmpty() || !current.get().snapshot().live() || current.get().snapshot().itemId() == null) {
                    return counts.setOutcome(tx, count.organizationId(), count.runId(), Outcome.NO_SUBSCRIPTION)
                            .replaceWith(Optional.<Update> empty());
                }
                if (current.get().snapshot().quantity() == count.billableQuantity()) {
                    return counts.setOutcome(tx, count.organizationId(), count.runId(), Outcome.UNCHANGED)
                            .replaceWith(Optional.<Update> empty());
                }
                return Uni.createFrom().item(Optional.of(new Update(current.get(), count.billableQuantity())));
            });
        })).flatMap(update -> update.isEmpty() ? Uni.createFrom().voidItem() : updateStripe(event, count, update.get()));
    }

    private Uni<Void> updateStripe(CloudEvent event, ListingCount count, Update update) {
        var subscription = update.subscription().snapshot();
        String idempotencyKey = "hostmcp-quantity-" + count.runId() + "-" + subscription.itemId();
        return stripe.updateQuantity(subscription.itemId(), update.quantity(), idempotencyKey)
                .flatMap(quantity -> pool.withTransaction(tx -> accounts.lock(tx, count.organizationId())
                        .chain(() -> processed.claim(tx, CONSUMER, event.id()))
                        .flatMap(first -> !first ? Uni.createFrom().voidItem()
                                : subscriptions.find(tx, subscription.id())
                                        .flatMap(stored -> stored.isPresent()
                                                // unless a webhook reported another quantity meanwhile
                                                && stored.get().snapshot().quantity() == subscription.quantity()
                                                        ? subscriptions.save(tx, new StoredSubscription(
                                                                stored.get().organizationId(),
                                                                stored.get().snapshot().withQuantity(quantity),
                                                                stored.get().stateAsOf(),
                                                                stored.get().startedPublished()))
                                                        : Uni.createFrom().voidItem())
                                        .chain(() -> counts.setOutcome(tx, count.organizationId(), count.runId(),
                                                Outcome.UPDATED))
                                        .chain(() -> counts.recordQuantityChange(tx, count.organizationId(),
                                                subscription.id(), subscription.quantity(), quantity, count.runId()))
                                        .chain(() -> events.domainEvent(tx, count.organizationId(),
                                                SubscriptionQuantityChanged.TYPE,
                                                new SubscriptionQuantityChanged(count.organizationId(), subscription.id(),
                                                        subscription.quantity(), quantity, count.runId())))
                                        .invoke(() -> LOG.infof(
                                                "Subscription %s of %s: quantity %d -> %d (sync run %s)",
                                                subscription.id(), count.organizationId(), subscription.quantity(),
                                                quantity, count.runId())))));
    }

    private ListingCount read(CloudEvent event) {
        ListingCountSynced data = codec.data(event, ListingCountSynced.class);
        if (data.organizationId() == null || data.runId() == null || data.activeListings() == null
                || data.totalListings() == null || data.syncedAt() == null) {
            throw new MalformedEventException("ListingCountSynced " + event.id()
                    + " lacks organizationId, runId, activeListings, totalListings or syncedAt");
        }
        if (data.activeListings() < 0 || data.totalListings() < 0) {
            throw new MalformedEventException("ListingCountSynced " + event.id() + " has a negative count");
        }
        return new ListingCount(data.organizationId(), data.runId(), data.activeListings(), data.totalListings(),
                data.syncedAt());
    }
}
