package com.hostmcp.standin.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionItemUpdateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;

/** stripe-java 33.3.0, pointed at the stand-in, works as against Stripe. */
class StripeStandInStripeJavaTest {

    private static StripeStandIn standIn;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        standIn = StripeStandIn.start(0);
        stripe = client(StripeStandIn.TEST_SECRET_KEY);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.reset();
        standIn.setPerListingUnitAmount(StripeStandIn.DEFAULT_PER_LISTING_UNIT_AMOUNT);
    }

    private static StripeClient client(String apiKey) {
        return StripeClient.builder()
                .setApiKey(apiKey)
                .setApiBase(standIn.baseUrl())
                .setMaxNetworkRetries(0)
                .build();
    }

    private Customer createCustomer(String orgId) throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("owner-" + orgId + "@example.com")
                .setName("Owner " + orgId)
                .putMetadata("org_id", orgId)
                .build());
    }

    private Session createCheckout(String customerId, long quantity) throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(StripeStandIn.PER_LISTING_PRICE_ID)
                        .setQuantity(quantity)
                        .build())
                .setSuccessUrl("http://localhost:8080/billing/success?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl("http://localhost:8080/billing/cancel")
                .setClientReferenceId("org-42")
                .putMetadata("org_id", "org-42")
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("org_id", "org-42")
                        .build())
                .build());
    }

    private Subscription subscribe(long quantity) throws StripeException {
        Customer customer = createCustomer("org-42");
        Session session = createCheckout(customer.getId(), quantity);
        standIn.completeCheckout(session.getId());
        Session completed = stripe.v1().checkout().sessions().retrieve(session.getId());
        return stripe.v1().subscriptions().retrieve(completed.getSubscription());
    }

    @Test
    void checkoutThenQuantityChangeWithProrationIsVisibleOnTheSubscription() throws StripeException {
        Customer customer = createCustomer("org-42");
        assertThat(customer.getId()).startsWith("cus_");
        assertThat(customer.getMetadata()).containsEntry("org_id", "org-42");

        Session session = createCheckout(customer.getId(), 3);
        assertThat(session.getId()).startsWith("cs_test_");
        assertThat(session.getUrl()).isEqualTo(standIn.baseUrl() + "/checkout/" + session.getId());
        assertThat(session.getStatus()).isEqualTo("open");
        assertThat(session.getAmountTotal()).isEqualTo(1500L);
        assertThat(session.getCustomer()).isEqualTo(customer.getId());

        standIn.completeCheckout(session.getId());

        Session completed = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(completed.getStatus()).isEqualTo("complete");
        assertThat(completed.getPaymentStatus()).isEqualTo("paid");
        assertThat(completed.getSubscription()).startsWith("sub_");

        Subscription subscription = stripe.v1().subscriptions().retrieve(completed.getSubscription());
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getCustomer()).isEqualTo(customer.getId());
        assertThat(subscription.getMetadata()).containsEntry("org_id", "org-42");
        assertThat(subscription.getCancelAtPeriodEnd()).isFalse();
        assertThat(subscription.getLatestInvoice()).startsWith("in_");
        SubscriptionItem item = subscription.getItems().getData().get(0);
        assertThat(item.getQuantity()).isEqualTo(3L);
        assertThat(item.getPrice().getId()).isEqualTo(StripeStandIn.PER_LISTING_PRICE_ID);
        assertThat(item.getPrice().getUnitAmount()).isEqualTo(500L);
        assertThat(item.getCurrentPeriodEnd()).isGreaterThan(item.getCurrentPeriodStart());

        SubscriptionItem updated = stripe.v1().subscriptionItems().update(item.getId(),
                SubscriptionItemUpdateParams.builder()
                        .setQuantity(7L)
                        .setProrationBehavior(SubscriptionItemUpdateParams.ProrationBehavior.CREATE_PRORATIONS)
                        .build());
        assertThat(updated.getQuantity()).isEqualTo(7L);

        Subscription reread = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(reread.getItems().getData().get(0).getQuantity()).isEqualTo(7L);
        assertThat(stripe.v1().subscriptionItems().retrieve(item.getId()).getQuantity()).isEqualTo(7L);

        RecordedStripeRequest update = standIn.requests("POST", "/v1/subscription_items/").get(0);
        assertThat(update.param("quantity")).isEqualTo("7");
        assertThat(update.param("proration_behavior")).isEqualTo("create_prorations");
        assertThat(update.idempotencyKey()).isNotBlank();
    }

    @Test
    void checkoutSessionRequestUsesStripeBracketNotation() throws StripeException {
        Customer customer = createCustomer("org-7");
        createCheckout(customer.getId(), 3);

        RecordedStripeRequest request = standIn.requests("POST", "/v1/checkout/sessions").get(0);
        assertThat(request.param("mode")).isEqualTo("subscription");
        assertThat(request.param("line_items[0][price]")).isEqualTo(StripeStandIn.PER_LISTING_PRICE_ID);
        assertThat(request.param("line_items[0][quantity]")).isEqualTo("3");
        assertThat(request.param("subscription_data[metadata][org_id]")).isEqualTo("org-42");
        assertThat(standIn.requestCount("POST", "/v1/customers")).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyAndParamsReplaysTheSameObject() throws StripeException {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("org-42-signup").build();
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail("a@example.com").build();

        Customer first = stripe.v1().customers().create(params, options);
        Customer second = stripe.v1().customers().create(params, options);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.v1().customers().list().getData()).hasSize(1);
    }

    @Test
    void reusingAnIdempotencyKeyWithOtherParamsIsAnIdempotencyError() throws StripeException {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("org-42-signup").build();
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build(), options);

        assertThatThrownBy(() -> stripe.v1().customers()
                .create(CustomerCreateParams.builder().setEmail("b@example.com").build(), options))
                .isInstanceOf(IdempotencyException.class)
                .hasMessageContaining("same parameters");
    }

    @Test
    void invoicesListAndPreviewAmountsAreQuantityTimesUnitPrice() throws StripeException {
        standIn.setPerListingUnitAmount(700);
        Subscription subscription = subscribe(3);

        StripeCollection<Invoice> invoices = stripe.v1().invoices().list(InvoiceListParams.builder()
                .setCustomer(subscription.getCustomer())
                .setSubscription(subscription.getId())
                .setLimit(10L)
                .build());
        assertThat(invoices.getData()).hasSize(1);
        Invoice first = invoices.getData().get(0);
        assertThat(first.getStatus()).isEqualTo("paid");
        assertThat(first.getAmountDue()).isEqualTo(2100L);
        assertThat(first.getAmountPaid()).isEqualTo(2100L);
        assertThat(first.getCurrency()).isEqualTo("usd");
        assertThat(first.getBillingReason()).isEqualTo("subscription_create");
        assertThat(first.getHostedInvoiceUrl()).startsWith(standIn.baseUrl() + "/invoices/in_");
        assertThat(first.getInvoicePdf()).endsWith("/pdf");
        assertThat(first.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscription.getId());
        InvoiceLineItem line = first.getLines().getData().get(0);
        assertThat(line.getQuantity()).isEqualTo(3L);
        assertThat(line.getAmount()).isEqualTo(2100L);
        assertThat(line.getPricing().getPriceDetails().getPrice()).isEqualTo(StripeStandIn.PER_LISTING_PRICE_ID);

        Invoice retrieved = stripe.v1().invoices().retrieve(first.getId());
        assertThat(retrieved.getTotal()).isEqualTo(2100L);

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(subscription.getCustomer())
                .setSubscription(subscription.getId())
                .build());
        assertThat(preview.getAmountDue()).isEqualTo(2100L);
        assertThat(preview.getLines().getData()).singleElement()
                .satisfies(l -> assertThat(l.getQuantity()).isEqualTo(3L));
        assertThat(preview.getNextPaymentAttempt())
                .isEqualTo(subscription.getItems().getData().get(0).getCurrentPeriodEnd());
    }

    @Test
    void previewAfterAQuantityChangeWithoutProrationBillsTheNewQuantity() throws StripeException {
        Subscription subscription = subscribe(3);
        String itemId = subscription.getItems().getData().get(0).getId();
        stripe.v1().subscriptionItems().update(itemId, SubscriptionItemUpdateParams.builder()
                .setQuantity(7L)
                .setProrationBehavior(SubscriptionItemUpdateParams.ProrationBehavior.NONE)
                .build());

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .build());

        assertThat(preview.getAmountDue()).isEqualTo(7 * 500L);
    }

    @Test
    void prorationsFromAQuantityIncreaseAppearOnTheNextInvoicePreview() throws StripeException {
        Subscription subscription = subscribe(3);
        String itemId = subscription.getItems().getData().get(0).getId();
        stripe.v1().subscriptionItems().update(itemId,
                SubscriptionItemUpdateParams.builder().setQuantity(7L).build());

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .build());

        List<InvoiceLineItem> lines = preview.getLines().getData();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).getAmount()).isNegative();
        assertThat(lines.get(0).getParent().getInvoiceItemDetails().getProration()).isTrue();
        assertThat(lines.get(1).getAmount()).isPositive();
        // the whole period is left: the prorations come to about (7 - 3) x 500
        assertThat(lines.get(0).getAmount() + lines.get(1).getAmount()).isBetween(1990L, 2000L);
        assertThat(lines.get(2).getQuantity()).isEqualTo(7L);
        assertThat(lines.get(2).getAmount()).isEqualTo(3500L);
    }

    @Test
    void previewCanPriceARequestedQuantityChange() throws StripeException {
        Subscription subscription = subscribe(3);
        String itemId = subscription.getItems().getData().get(0).getId();

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(InvoiceCreatePreviewParams.SubscriptionDetails.builder()
                        .addItem(InvoiceCreatePreviewParams.SubscriptionDetails.Item.builder()
                                .setId(itemId)
                                .setQuantity(10L)
                                .build())
                        .setProrationBehavior(InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior.NONE)
                        .build())
                .build());

        assertThat(preview.getAmountDue()).isEqualTo(5000L);
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getItems().getData().get(0).getQuantity())
                .isEqualTo(3L);
    }

    @Test
    void alwaysInvoiceProrationBillsAndPaysImmediately() throws StripeException {
        Subscription subscription = subscribe(3);
        String itemId = subscription.getItems().getData().get(0).getId();

        stripe.v1().subscriptionItems().update(itemId, SubscriptionItemUpdateParams.builder()
                .setQuantity(5L)
                .setProrationBehavior(SubscriptionItemUpdateParams.ProrationBehavior.ALWAYS_INVOICE)
                .build());

        Subscription reread = stripe.v1().subscriptions().retrieve(subscription.getId());
        Invoice latest = stripe.v1().invoices().retrieve(reread.getLatestInvoice());
        assertThat(latest.getBillingReason()).isEqualTo("subscription_update");
        assertThat(latest.getStatus()).isEqualTo("paid");
        assertThat(latest.getAmountPaid()).isBetween(990L, 1000L);
    }

    @Test
    void cancelAtPeriodEndAndMetadataUpdateAreReadBack() throws StripeException {
        Subscription subscription = subscribe(2);

        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setCancelAtPeriodEnd(true)
                .putMetadata("plan", "pro")
                .build());

        assertThat(updated.getCancelAtPeriodEnd()).isTrue();
        assertThat(updated.getCancelAt()).isEqualTo(subscription.getItems().getData().get(0).getCurrentPeriodEnd());
        assertThat(updated.getMetadata()).containsEntry("plan", "pro").containsEntry("org_id", "org-42");
        assertThat(updated.getStatus()).isEqualTo("active");
    }

    @Test
    void subscriptionItemsCanBeChangedThroughTheSubscription() throws StripeException {
        Subscription subscription = subscribe(2);
        String itemId = subscription.getItems().getData().get(0).getId();

        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(itemId).setQuantity(4L).build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
                .build());

        assertThat(stripe.v1().subscriptionItems().retrieve(itemId).getQuantity()).isEqualTo(4L);
    }

    @Test
    void cancelingEndsTheSubscriptionAndListsFilterByStatus() throws StripeException {
        Subscription subscription = subscribe(2);

        Subscription canceled = stripe.v1().subscriptions().cancel(subscription.getId(),
                SubscriptionCancelParams.builder().build());

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getEndedAt()).isNotNull();
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer(subscription.getCustomer()).build()).getData()).isEmpty();
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer(subscription.getCustomer())
                .setStatus(SubscriptionListParams.Status.ALL)
                .build()).getData()).extracting(Subscription::getId).containsExactly(subscription.getId());
    }

    @Test
    void expandReturnsNestedObjects() throws StripeException {
        Subscription subscription = subscribe(3);

        Subscription expanded = stripe.v1().subscriptions().retrieve(subscription.getId(),
                SubscriptionRetrieveParams.builder().addExpand("customer").addExpand("latest_invoice").build());

        assertThat(expanded.getCustomerObject().getEmail()).isEqualTo("owner-org-42@example.com");
        assertThat(expanded.getLatestInvoiceObject().getAmountPaid()).isEqualTo(1500L);
    }

    @Test
    void billingPortalSessionPointsAtTheStandIn() throws StripeException {
        Customer customer = createCustomer("org-9");

        com.stripe.model.billingportal.Session portal = stripe.v1().billingPortal().sessions()
                .create(com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customer.getId())
                        .setReturnUrl("http://localhost:8080/settings")
                        .build());

        assertThat(portal.getUrl()).startsWith(standIn.baseUrl() + "/portal/bps_");
        assertThat(portal.getCustomer()).isEqualTo(customer.getId());
        assertThat(portal.getReturnUrl()).isEqualTo("http://localhost:8080/settings");
    }

    @Test
    void seededPriceIsAMonthlyPerListingPriceAndOthersCanBeCreated() throws StripeException {
        Price seeded = stripe.v1().prices().retrieve(StripeStandIn.PER_LISTING_PRICE_ID);
        assertThat(seeded.getUnitAmount()).isEqualTo(500L);
        assertThat(seeded.getCurrency()).isEqualTo("usd");
        assertThat(seeded.getRecurring().getInterval()).isEqualTo("month");
        assertThat(seeded.getProduct()).isEqualTo(StripeStandIn.PER_LISTING_PRODUCT_ID);

        Price yearly = stripe.v1().prices().create(PriceCreateParams.builder()
                .setCurrency("usd")
                .setUnitAmount(5000L)
                .setProduct(StripeStandIn.PER_LISTING_PRODUCT_ID)
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.YEAR)
                        .build())
                .build());
        assertThat(yearly.getId()).startsWith("price_");
        assertThat(stripe.v1().prices().retrieve(yearly.getId()).getRecurring().getInterval()).isEqualTo("year");
    }

    @Test
    void liveModeKeyIsRejectedWith401() {
        // built at run time so that secret scanners do not flag this obviously fake live-mode key
        StripeClient live = client("sk_" + "live_" + "not_accepted");

        assertThatThrownBy(() -> live.v1().customers().list())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Invalid API Key provided");
                });
        assertThat(standIn.requestCount("GET", "/v1/customers")).isEqualTo(1);
    }

    @Test
    void unknownIdsAreResourceMissing() {
        assertThatThrownBy(() -> stripe.v1().subscriptions().retrieve("sub_nope"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getMessage()).contains("No such subscription: 'sub_nope'");
                });
    }

    @Test
    void missingRequiredParamIsParameterMissing() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setSuccessUrl("http://localhost/success")
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("parameter_missing");
                    assertThat(e.getParam()).isEqualTo("line_items");
                });
    }
}
