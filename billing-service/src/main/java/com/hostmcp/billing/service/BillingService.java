package com.hostmcp.billing.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.BillingAccount;
import com.hostmcp.billing.Entitlement;
import com.hostmcp.billing.ListingCount;
import com.hostmcp.billing.SubscriptionSnapshot;
import com.hostmcp.billing.config.BillingConfig;
import com.hostmcp.billing.repository.AccountRepository;
import com.hostmcp.billing.repository.EntitlementRepository;
import com.hostmcp.billing.repository.InvoiceRepository;
import com.hostmcp.billing.repository.InvoiceRepository.StoredInvoice;
import com.hostmcp.billing.repository.ListingCountRepository;
import com.hostmcp.billing.repository.StoredSubscription;
import com.hostmcp.billing.repository.SubscriptionRepository;
import com.hostmcp.billing.stripe.StripeOperations;
import com.hostmcp.billing.stripe.StripeOperations.CheckoutSession;
import com.hostmcp.billing.stripe.StripeOperations.UpcomingInvoice;
import com.hostmcp.billing.stripe.StripeRejectedException;
import com.hostmcp.billing.stripe.StripeUnavailableException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** What dashboard-api asks of billing: checkout, portal, cancellation, and the billing state of an organization. */
@ApplicationScoped
public class BillingService {

    private static final Logger LOG = Logger.getLogger(BillingService.class);

    /** Everything the dashboard shows about an organization's billing. */
    public record Status(BillingAccount account, Entitlement entitlement, Optional<SubscriptionSnapshot> subscription,
            Optional<ListingCount> listingCount) {
    }

    /** A started checkout: send the user to {@code url}. */
    public record Checkout(CheckoutSession session, long quantity) {
    }

    /**
     * Quantity x unit price, and Stripe's own preview of the next invoice when it can give one.
     *
     * @param basis SUBSCRIPTION (the subscription's quantity) or LISTING_COUNT (what a checkout would start with)
     */
    public record ProjectedBill(long quantity, long unitAmount, String currency, long amount, String basis,
            Optional<UpcomingInvoice> upcomingInvoice) {
    }

    private final Pool pool;
    private final AccountRepository accounts;
    private final EntitlementRepository entitlements;
    private final SubscriptionRepository subscriptions;
    private final ListingCountRepository counts;
    private final InvoiceRepository invoices;
    private final SubscriptionService subscriptionService;
    private final StripeOperations stripe;
    private final RedirectUrls redirects;
    private final BillingConfig config;

    public BillingService(Pool pool, AccountRepository accounts, EntitlementRepository entitlements,
            SubscriptionRepository subscriptions, ListingCountRepository counts, InvoiceRepository invoices,
            SubscriptionService subscriptionService, StripeOperations stripe, RedirectUrls redirects,
            BillingConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.entitlements = entitlements;
        this.subscriptions = subscriptions;
        this.counts = counts;
        this.invoices = invoices;
        this.subscriptionService = subscriptionService;
        this.stripe = stripe;
        this.redirects = redirects;
        this.config = config;
    }

    public Uni<Status> status(UUID organizationId) {
        return account(organizationId).flatMap(account -> entitlements.find(pool, organizationId)
                .flatMap(entitlement -> subscriptions.current(pool, organizationId)
                        .flatMap(subscription -> counts.latest(pool, organizationId)
                                .map(count -> new Status(account, entitlement.orElseThrow(), subscription.map(
                                        StoredSubscription::snapshot), count)))));
    }

    /**
     * Starts a Checkout Session for the latest active listing count (at least 1). The Stripe customer is created at the
     * first checkout. Refused while the organization has a live subscription (the portal manages that one).
     */
    public Uni<Checkout> startCheckout(UUID organizationId, String successUrl, String cancelUrl) {
        redirects.check("successUrl", successUrl, "cancelUrl", cancelUrl);
        return account(organizationId)
                .call(account -> subscriptions.current(pool, organizationId).invoke(current -> {
                    if (current.filter(s -> s.snapshot().live()).isPresent()) {
                        throw BillingProblem.conflict("the organization already has a subscription; use the customer"
                                + " portal to change it");
                    }
                }))
                .flatMap(account -> customer(account))
                .flatMap(customerId -> counts.latest(pool, organizationId)
                        .map(count -> count.map(ListingCount::billableQuantity).orElse(1L))
                        .flatMap(quantity -> stripe.createCheckoutSession(organizationId, customerId, quantity,
                                successUrl.strip(), cancelUrl.strip())
                                .map(session -> new Checkout(session, quantity))))
                .onFailure().transform(BillingService::stripeProblem);
    }

    /** A Customer Portal session for an organization that has a Stripe customer. */
    public Uni<String> openPortal(UUID organizationId, String returnUrl) {
        redirects.check("returnUrl", returnUrl);
        return account(organizationId)
                .flatMap(account -> {
                    if (account.stripeCustomerId() == null) {
                        throw BillingProblem.conflict("the organization has no payment account yet; start a checkout");
                    }
                    return stripe.createPortalSession(account.stripeCustomerId(), returnUrl.strip());
                })
                .onFailure().transform(BillingService::stripeProblem);
    }

    /** Cancels at the end of the current period (access continues until then), or takes that back. */
    public Uni<Status> setCancelAtPeriodEnd(UUID organizationId, boolean cancel) {
        return account(organizationId)
                .chain(() -> subscriptions.current(pool, organizationId))
                .flatMap(current -> {
                    if (current.filter(s -> s.snapshot().live()).isEmpty()) {
                        throw BillingProblem.conflict("the organization has no active subscription");
                    }
                    return stripe.setCancelAtPeriodEnd(current.get().snapshot().id(), cancel);
                })
                .flatMap(snapshot -> pool.withTransaction(tx -> accounts.lock(tx, organizationId)
                        .chain(() -> subscriptions.find(tx, snapshot.id()))
                        .flatMap(stored -> subscriptionService.apply(tx, organizationId, snapshot, stored, null))))
                .onFailure().transform(BillingService::stripeProblem)
                .chain(() -> status(organizationId));
    }

    /** The organization's invoices, newest first. */
    public Uni<List<StoredInvoice>> invoices(UUID organizationId, int limit) {
        return account(organizationId).chain(() -> invoices.list(pool, organizationId, limit));
    }

    public Uni<ProjectedBill> projectedBill(UUID organizationId) {
        long unitAmount = config.price().unitAmount();
        String currency = config.price().currency();
        return account(organizationId)
                .chain(() -> subscriptions.current(pool, organizationId))
                .flatMap(current -> {
                    Optional<SubscriptionSnapshot> live = current.map(StoredSubscription::snapshot)
                            .filter(SubscriptionSnapshot::live);
                    if (live.isPresent()) {
                        long quantity = live.get().quantity();
                        return stripe.upcomingInvoice(live.get().id()).map(upcoming -> new ProjectedBill(quantity,
                                unitAmount, currency, quantity * unitAmount, "SUBSCRIPTION", upcoming));
                    }
                    return counts.latest(pool, organizationId).map(count -> {
                        long quantity = count.map(ListingCount::billableQuantity).orElse(1L);
                        return new ProjectedBill(quantity, unitAmount, currency, quantity * unitAmount, "LISTING_COUNT",
                                Optional.empty());
                    });
                });
    }

    private Uni<BillingAccount> account(UUID organizationId) {
        return accounts.find(pool, organizationId).map(account -> account.orElseThrow(
                () -> BillingProblem.notFound("no billing account for organization " + organizationId)));
    }

    /** The account's Stripe customer, created (once, under the organization's idempotency key) if it has none. */
    private Uni<String> customer(BillingAccount account) {
        if (account.stripeCustomerId() != null) {
            return Uni.createFrom().item(account.stripeCustomerId());
        }
        return stripe.createCustomer(account.organizationId())
                .flatMap(created -> pool.withTransaction(
                        tx -> accounts.setCustomerIfAbsent(tx, account.organizationId(), created)))
                .invoke(customer -> LOG.infof("Organization %s has Stripe customer %s", account.organizationId(),
                        customer));
    }

    private static Throwable stripeProblem(Throwable failure) {
        if (failure instanceof StripeUnavailableException) {
            LOG.warn(failure.getMessage());
            return BillingProblem.unavailable("Stripe is not reachable right now; please retry shortly");
        }
        if (failure instanceof StripeRejectedException) {
            LOG.error(failure.getMessage());
            return BillingProblem.badGateway("Stripe refused the request");
        }
        return failure;
    }
}
