package com.hostmcp.billing.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.InvoiceSnapshot;
import com.hostmcp.billing.SubscriptionSnapshot;
import com.hostmcp.billing.config.BillingConfig;
import com.hostmcp.billing.messaging.BillingEventData.PaymentFailed;
import com.hostmcp.billing.messaging.BillingEventData.PaymentSucceeded;
import com.hostmcp.billing.messaging.BillingEvents;
import com.hostmcp.billing.repository.AccountRepository;
import com.hostmcp.billing.repository.InvoiceRepository;
import com.hostmcp.billing.repository.StripeEventRepository;
import com.hostmcp.billing.repository.SubscriptionRepository;
import com.hostmcp.billing.stripe.StripeObjects;
import com.hostmcp.billing.stripe.StripeOperations;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies verified Stripe events. Each runs in one transaction that first claims the event id (a redelivery finds it
 * taken and does nothing) and then takes the organization's account lock, so events of one organization apply one at a
 * time. The result is the outcome recorded with the event.
 * <p>
 * Out of order: a subscription event older (by {@code created}) than the state stored is ignored; one of the same second
 * cannot be ordered by that one-second clock, so the subscription is re-fetched from Stripe instead. Entitlement changes
 * follow the same rule ({@link EntitlementService#decideFromStripe}); a payment failure reported for an invoice already
 * stored as paid is stale.
 */
@ApplicationScoped
public class StripeEventService {

    /** What an event did. */
    public enum Outcome {
        APPLIED,
        /** Re-delivery of an event already processed. */
        DUPLICATE,
        /** Older than the state already stored. */
        STALE,
        /** A type billing does not handle: acknowledged and ignored. */
        IGNORED,
        /** Names no organization billing knows (e.g. created by hand in the Stripe dashboard). */
        UNKNOWN_ORGANIZATION,
        /** The event's object cannot be read; logged for a person to look at. */
        UNREADABLE
    }

    private static final Logger LOG = Logger.getLogger(StripeEventService.class);

    private final Pool pool;
    private final StripeEventRepository stripeEvents;
    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final SubscriptionService subscriptionService;
    private final EntitlementService entitlements;
    private final BillingEvents events;
    private final StripeOperations stripe;
    private final String priceId;

    public StripeEventService(Pool pool, StripeEventRepository stripeEvents, AccountRepository accounts,
            SubscriptionRepository subscriptions, InvoiceRepository invoices, SubscriptionService subscriptionService,
            EntitlementService entitlements, BillingEvents events, StripeOperations stripe, BillingConfig config) {
        this.pool = pool;
        this.stripeEvents = stripeEvents;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.subscriptionService = subscriptionService;
        this.entitlements = entitlements;
        this.events = events;
        this.stripe = stripe;
        this.priceId = config.price().id();
    }

    public Uni<Outcome> apply(Event event) {
        return switch (event.getType()) {
            case "checkout.session.completed" -> withObject(event, Session.class, this::checkoutCompleted);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                withObject(event, Subscription.class, this::subscriptionChanged);
            case "invoice.paid", "invoice.payment_failed", "invoice.finalized" ->
                withObject(event, Invoice.class, this::invoiceChanged);
            default -> inTransaction(event, tx -> Uni.createFrom().item(Outcome.IGNORED));
        };
    }

    /** The effect of one event, given its (typed) object and the transaction. */
    @FunctionalInterface
    private interface Effect<T> {
        Uni<Outcome> apply(SqlConnection tx, Event event, T object);
    }

    private <T extends StripeObject> Uni<Outcome> withObject(Event event, Class<T> type, Effect<T> effect) {
        T object;
        try {
            // not getObject(): that is empty when the event's API version differs from stripe-java's
            StripeObject data = event.getDataObjectDeserializer().deserializeUnsafe();
            if (!type.isInstance(data)) {
                return unreadable(event, "object is not a " + type.getSimpleName());
            }
            object = type.cast(data);
        } catch (EventDataObjectDeserializationException e) {
            return unreadable(event, e.getMessage());
        }
        return inTransaction(event, tx -> effect.apply(tx, event, object));
    }

    private Uni<Outcome> unreadable(Event event, String why) {
        LOG.errorf("Stripe event %s (%s) cannot be read and is not applied: %s", event.getId(), event.getType(), why);
        return inTransaction(event, tx -> Uni.createFrom().item(Outcome.UNREADABLE));
    }

    private Uni<Outcome> inTransaction(Event event, Function<SqlConnection, Uni<Outcome>> effect) {
        return pool.withTransaction(tx -> stripeEvents
                .claim(tx, event.getId(), event.getType(), Instant.ofEpochSecond(event.getCreated()))
                .flatMap(first -> !first ? Uni.createFrom().item(Outcome.DUPLICATE)
                        : effect.apply(tx).call(outcome -> stripeEvents.setOutcome(tx, event.getId(), outcome.name()))))
                .invoke(outcome -> LOG.debugf("Stripe event %s (%s): %s", event.getId(), event.getType(), outcome));
    }

    // ------------------------------------------------------------------ checkout

    private Uni<Outcome> checkoutCompleted(SqlConnection tx, Event event, Session session) {
        Optional<UUID> named = StripeObjects.uuid(session.getClientReferenceId())
                .or(() -> StripeObjects.organization(session.getMetadata()));
        return lockOrganization(tx, named, session.getCustomer(), organizationId -> {
            Uni<Void> customer = session.getCustomer() == null ? Uni.createFrom().voidItem()
                    : accounts.setCustomerIfAbsent(tx, organizationId, session.getCustomer()).replaceWithVoid();
            if (session.getSubscription() == null) {
                return customer.replaceWith(Outcome.APPLIED);
            }
            // the subscription's own events may come later (Stripe does not order them): fetch it if it is new to us
            return customer.chain(() -> subscriptions.find(tx, session.getSubscription()))
                    .flatMap(stored -> stored.isPresent() ? Uni.createFrom().item(Outcome.APPLIED)
                            : stripe.retrieveSubscription(session.getSubscription())
                                    .flatMap(snapshot -> subscriptionService.apply(tx, organizationId, snapshot,
                                            Optional.empty(), event.getCreated()))
                                    .replaceWith(Outcome.APPLIED));
        });
    }

    // ------------------------------------------------------------------ subscriptions

    private Uni<Outcome> subscriptionChanged(SqlConnection tx, Event event, Subscription subscription) {
        SubscriptionSnapshot reported = StripeObjects.subscription(subscription, priceId);
        long created = event.getCreated();
        return lockOrganization(tx, Optional.ofNullable(reported.organizationId()), reported.customerId(),
                organizationId -> subscriptions.find(tx, reported.id()).flatMap(stored -> {
                    if (stored.isPresent() && created < stored.get().stateAsOf()) {
                        return Uni.createFrom().item(Outcome.STALE);
                    }
                    Uni<SubscriptionSnapshot> current = stored.isPresent() && created == stored.get().stateAsOf()
                            ? stripe.retrieveSubscription(reported.id())
                            : Uni.createFrom().item(reported);
                    return current.flatMap(snapshot -> subscriptionService.apply(tx, organizationId, snapshot, stored,
                            created)).replaceWith(Outcome.APPLIED);
                }));
    }

    // ------------------------------------------------------------------ invoices

    private Uni<Outcome> invoiceChanged(SqlConnection tx, Event event, Invoice invoice) {
        InvoiceSnapshot snapshot = StripeObjects.invoice(invoice, priceId);
        return lockOrganization(tx, Optional.ofNullable(snapshot.organizationId()), snapshot.customerId(),
                organizationId -> invoices.status(tx, snapshot.id())
                        .flatMap(before -> invoices.save(tx, organizationId, snapshot)
                                .chain(() -> switch (event.getType()) {
                                    case "invoice.paid" -> paid(tx, event, organizationId, snapshot);
                                    case "invoice.payment_failed" -> before.filter("paid"::equals).isPresent()
                                            ? Uni.createFrom().item(Outcome.STALE)
                                            : failed(tx, event, organizationId, snapshot);
                                    default -> Uni.createFrom().item(Outcome.APPLIED);
                                })));
    }

    private Uni<Outcome> paid(SqlConnection tx, Event event, UUID organizationId, InvoiceSnapshot invoice) {
        Uni<Void> published = events.domainEvent(tx, organizationId, PaymentSucceeded.TYPE,
                new PaymentSucceeded(organizationId, invoice.id(), invoice.amountPaid(), invoice.currency()));
        if (invoice.subscriptionId() == null) {
            return published.replaceWith(Outcome.APPLIED);
        }
        return published.chain(() -> subscriptions.find(tx, invoice.subscriptionId()))
                .flatMap(subscription -> {
                    if (subscription.map(s -> s.snapshot().canceled()).orElse(false)) {
                        // a late payment of a canceled subscription does not reopen access
                        return Uni.createFrom().item(Outcome.APPLIED);
                    }
                    var paidUntil = invoice.periodEnd() != null ? invoice.periodEnd()
                            : subscription.map(s -> s.snapshot().currentPeriodEnd()).orElse(null);
                    return entitlements.decideFromStripe(tx, organizationId, event.getCreated(),
                            current -> entitlements.policy().paymentSucceeded(invoice.id(), paidUntil))
                            .replaceWith(Outcome.APPLIED);
                });
    }

    private Uni<Outcome> failed(SqlConnection tx, Event event, UUID organizationId, InvoiceSnapshot invoice) {
        long attempts = invoice.attemptCount() == null ? 1 : Math.max(1, invoice.attemptCount());
        return events.domainEvent(tx, organizationId, PaymentFailed.TYPE, new PaymentFailed(organizationId, invoice.id(),
                invoice.amountDue(), invoice.currency(), attempts, invoice.nextPaymentAttempt()))
                .chain(() -> entitlements.decideFromStripe(tx, organizationId, event.getCreated(),
                        current -> entitlements.policy().paymentFailed(current,
                                "invoice " + invoice.id() + " payment failed", EntitlementService.now())))
                .replaceWith(Outcome.APPLIED);
    }

    // ------------------------------------------------------------------ organizations

    /**
     * Finds the organization an object belongs to (its metadata, else its customer) and locks its account, then runs
     * {@code effect}; an object of no known organization is acknowledged without effect.
     */
    private Uni<Outcome> lockOrganization(SqlConnection tx, Optional<UUID> named, String customerId,
            Function<UUID, Uni<Outcome>> effect) {
        Uni<Optional<UUID>> organization = named.isPresent() ? Uni.createFrom().item(named)
                : customerId == null ? Uni.createFrom().item(Optional.<UUID> empty())
                        : accounts.organizationOfCustomer(tx, customerId);
        return organization.flatMap(id -> id.isEmpty() ? Uni.createFrom().item(Optional.<UUID> empty())
                : accounts.lock(tx, id.get()).map(account -> account.map(a -> a.organizationId())))
                .flatMap(locked -> {
                    if (locked.isEmpty()) {
                        LOG.warnf("A Stripe object of customer %s belongs to no known organization; ignored", customerId);
                        return Uni.createFrom().item(Outcome.UNKNOWN_ORGANIZATION);
                    }
                    return effect.apply(locked.get());
                });
    }
}
