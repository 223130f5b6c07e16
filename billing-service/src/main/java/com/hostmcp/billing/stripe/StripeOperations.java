package com.hostmcp.billing.stripe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import com.hostmcp.billing.SubscriptionSnapshot;
import com.hostmcp.billing.config.BillingConfig;
import com.hostmcp.billing.config.StripeConfig;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.SubscriptionItemUpdateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The Stripe calls billing makes, through stripe-java against the configured API base. stripe-java blocks, so every
 * call runs on a worker thread. Failures become {@link StripeUnavailableException} (worth retrying) or
 * {@link StripeRejectedException} (not); stripe-java's own retries are off so that the annotations here decide.
 */
@ApplicationScoped
public class StripeOperations {

    private static final Logger LOG = Logger.getLogger(StripeOperations.class);

    /** A Checkout Session: the customer pays at {@code url}. */
    public record CheckoutSession(String id, String url) {
    }

    /** Stripe's preview of the subscription's next invoice. */
    public record UpcomingInvoice(long amountDue, long total, String currency, Instant periodStart, Instant periodEnd) {
    }

    private final StripeClient client;
    private final String priceId;
    private final SubscriptionItemUpdateParams.ProrationBehavior proration;

    public StripeOperations(StripeConfig stripe, BillingConfig billing) {
        this.client = StripeClient.builder()
                .setApiKey(stripe.apiKey())
                .setApiBase(stripe.apiUrl())
                .setConnectTimeout((int) stripe.connectTimeout().toMillis())
                .setReadTimeout((int) stripe.readTimeout().toMillis())
                .setMaxNetworkRetries(0)
                .build();
        this.priceId = billing.price().id();
        this.proration = Arrays.stream(SubscriptionItemUpdateParams.ProrationBehavior.values())
                .filter(value -> value.getValue().equals(billing.quantity().prorationBehavior()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("billing.quantity.proration-behavior must be one of"
                        + " create_prorations, always_invoice, none"));
    }

    /**
     * Creates the organization's Stripe customer. The idempotency key is the organization's, so concurrent or repeated
     * first checkouts get the same customer (Stripe keeps keys 24 hours; the id is stored right after).
     */
    @Retry(maxRetries = 2, delay = 200, retryOn = StripeUnavailableException.class)
    public Uni<String> createCustomer(UUID organizationId) {
        return call("create customer", () -> client.v1().customers().create(
                CustomerCreateParams.builder()
                        .putMetadata(StripeObjects.ORGANIZATION_METADATA, organizationId.toString())
                        .build(),
                RequestOptions.builder().setIdempotencyKey("hostmcp-customer-" + organizationId).build()).getId());
    }

    /** A Checkout Session in subscription mode for {@code quantity} listings at the per-listing price. */
    public Uni<CheckoutSession> createCheckoutSession(UUID organizationId, String customerId, long quantity,
            String successUrl, String cancelUrl) {
        String organization = organizationId.toString();
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(organization)
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(quantity).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(StripeObjects.ORGANIZATION_METADATA, organization)
                        .build())
                .putMetadata(StripeObjects.ORGANIZATION_METADATA, organization)
                .build();
        return call("create checkout session", () -> {
            var session = client.v1().checkout().sessions().create(params);
            return new CheckoutSession(session.getId(), session.getUrl());
        });
    }

    /** A Customer Portal session (payment methods, invoices, cancellation); answers its URL. */
    public Uni<String> createPortalSession(String customerId, String returnUrl) {
        return call("create portal session", () -> client.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customerId)
                        .setReturnUrl(returnUrl)
                        .build())
                .getUrl());
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = StripeUnavailableException.class)
    public Uni<SubscriptionSnapshot> retrieveSubscription(String subscriptionId) {
        return call("retrieve subscription",
                () -> StripeObjects.subscription(client.v1().subscriptions().retrieve(subscriptionId), priceId));
    }

    /** Sets (or takes back) the cancellation at the end of the current period. */
    @Retry(maxRetries = 2, delay = 200, retryOn = StripeUnavailableException.class)
    public Uni<SubscriptionSnapshot> setCancelAtPeriodEnd(String subscriptionId, boolean cancel) {
        return call(cancel ? "cancel subscription at period end" : "resume subscription",
                () -> StripeObjects.subscription(client.v1().subscriptions().update(subscriptionId,
                        SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(cancel).build()), priceId));
    }

    /**
     * Sets the quantity of a subscription item with the configured proration behavior. The idempotency key makes a
     * repeated call (a redelivered count, a retry after a lost answer) change the quantity once.
     *
     * @return the quantity Stripe has afterwards
     */
    public Uni<Long> updateQuantity(String subscriptionItemId, long quantity, String idempotencyKey) {
        return call("update subscription item quantity", () -> client.v1().subscriptionItems().update(subscriptionItemId,
                SubscriptionItemUpdateParams.builder().setQuantity(quantity).setProrationBehavior(proration).build(),
                RequestOptions.builder().setIdempotencyKey(idempotencyKey).build()).getQuantity());
    }

    /**
     * Stripe's preview of the subscription's next invoice, or empty when Stripe cannot say (unreachable, slow, or no
     * upcoming invoice because the subscription ends): the projected bill is shown without it.
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "noUpcomingInvoice")
    public Uni<Optional<UpcomingInvoice>> upcomingInvoice(String subscriptionId) {
        return call("preview upcoming invoice", () -> {
            Invoice preview = client.v1().invoices()
                    .createPreview(InvoiceCreatePreviewParams.builder().setSubscription(subscriptionId).build());
            return Optional.of(new UpcomingInvoice(orZero(preview.getAmountDue()), orZero(preview.getTotal()),
                    preview.getCurrency(), StripeObjects.instant(preview.getPeriodStart()),
                    StripeObjects.instant(preview.getPeriodEnd())));
        });
    }

    Uni<Optional<UpcomingInvoice>> noUpcomingInvoice(String subscriptionId, Throwable failure) {
        LOG.infof("No upcoming invoice preview for %s: %s", subscriptionId, failure.getMessage());
        return Uni.createFrom().item(Optional.empty());
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> Uni<T> call(String what, StripeCall<T> call) {
        return Uni.createFrom().<T> emitter(emitter -> {
            try {
                emitter.complete(call.run());
            } catch (StripeException e) {
                emitter.fail(translate(what, e));
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Stripe's error messages name objects and parameters, never the key (Stripe masks it), so they may be logged. */
    private static RuntimeException translate(String what, StripeException e) {
        Integer status = e.getStatusCode();
        String message = "Stripe " + what + ": " + e.getMessage();
        if (e instanceof ApiConnectionException || status == null || status == 429 || status >= 500) {
            return new StripeUnavailableException(message, e);
        }
        return new StripeRejectedException(message, status, e);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
