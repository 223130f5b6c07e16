package com.hostmcp.standin.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;

/** Simulation helpers change state like Stripe and answer events stripe-java verifies and reads. */
class StripeStandInEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = StripeWebhookSigner.TEST_WEBHOOK_SECRET;

    private static StripeStandIn standIn;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        standIn = StripeStandIn.start(0);
        stripe = StripeClient.builder()
                .setApiKey(standIn.apiKey())
                .setApiBase(standIn.baseUrl())
                .setMaxNetworkRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    private Session openCheckout(long quantity) throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomerEmail("new-owner@example.com")
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(StripeStandIn.PER_LISTING_PRICE_ID)
                        .setQuantity(quantity)
                        .build())
                .setSuccessUrl("http://localhost/success")
                .setClientReferenceId("org-1")
                .putMetadata("org_id", "org-1")
                .build());
    }

    private static Event verified(String payload) throws SignatureVerificationException {
        String header = StripeWebhookSigner.signatureHeader(payload, SECRET);
        return Webhook.constructEvent(payload, header, SECRET, 300);
    }

    private static <T extends StripeObject> T dataObject(Event event, Class<T> type) {
        StripeObject object = event.getDataObjectDeserializer().getObject()
                .orElseThrow(() -> new AssertionError("event data did not deserialize (api_version mismatch?)"));
        assertThat(object).isInstanceOf(type);
        return type.cast(object);
    }

    private String subscribedId() throws StripeException {
        Session session = openCheckout(3);
        standIn.completeCheckout(session.getId());
        return stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
    }

    @Test
    void apiVersionIsTheOneStripeJavaIsPinnedTo() {
        assertThat(StripeStandIn.API_VERSION).isEqualTo(Stripe.API_VERSION);
    }

    @Test
    void completedCheckoutEventHasStripeShapeAndDeserializesToSession() throws Exception {
        Session session = openCheckout(3);

        String payload = standIn.completeCheckout(session.getId());

        JsonNode json = JSON.readTree(payload);
        assertThat(json.get("id").asText()).startsWith("evt_");
        assertThat(json.get("object").asText()).isEqualTo("event");
        assertThat(json.get("api_version").asText()).isEqualTo(Stripe.API_VERSION);
        assertThat(json.get("created").asLong()).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(json.get("livemode").asBoolean()).isFalse();
        assertThat(json.get("pending_webhooks").asInt()).isEqualTo(1);
        assertThat(json.get("request").get("id").isNull()).isTrue();
        assertThat(json.get("request").get("idempotency_key").isNull()).isTrue();

        Event event = verified(payload);
        assertThat(event.getType()).isEqualTo("checkout.session.completed");
        Session completed = dataObject(event, Session.class);
        assertThat(completed.getId()).isEqualTo(session.getId());
        assertThat(completed.getStatus()).isEqualTo("complete");
        assertThat(completed.getPaymentStatus()).isEqualTo("paid");
        assertThat(completed.getCustomer()).startsWith("cus_");
        assertThat(completed.getCustomerDetails().getEmail()).isEqualTo("new-owner@example.com");
        assertThat(completed.getClientReferenceId()).isEqualTo("org-1");
        assertThat(completed.getMetadata()).containsEntry("org_id", "org-1");
        assertThat(completed.getSubscription()).startsWith("sub_");
        assertThat(completed.getAmountTotal()).isEqualTo(1500L);

        Subscription subscription = stripe.v1().subscriptions().retrieve(completed.getSubscription());
        assertThat(subscription.getItems().getData().get(0).getQuantity()).isEqualTo(3L);
        assertThat(stripe.v1().customers().retrieve(completed.getCustomer()).getEmail())
                .isEqualTo("new-owner@example.com");
    }

    @Test
    void failedPaymentMakesTheSubscriptionPastDueAndEmitsInvoicePaymentFailed() throws Exception {
        String subscriptionId = subscribedId();

        Event event = verified(standIn.failPayment(subscriptionId));

        assertThat(event.getType()).isEqualTo("invoice.payment_failed");
        Invoice invoice = dataObject(event, Invoice.class);
        assertThat(invoice.getStatus()).isEqualTo("open");
        assertThat(invoice.getAttemptCount()).isEqualTo(1L);
        assertThat(invoice.getAmountDue()).isEqualTo(1500L);
        assertThat(invoice.getAmountPaid()).isZero();
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_cycle");
        assertThat(invoice.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscriptionId);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus()).isEqualTo("past_due");
    }

    @Test
    void successfulPaymentAfterAFailurePaysTheOpenInvoiceAndReactivates() throws Exception {
        String subscriptionId = subscribedId();
        Invoice failed = dataObject(verified(standIn.failPayment(subscriptionId)), Invoice.class);

        Event event = verified(standIn.succeedPayment(subscriptionId));

        assertThat(event.getType()).isEqualTo("invoice.paid");
        Invoice paid = dataObject(event, Invoice.class);
        assertThat(paid.getId()).isEqualTo(failed.getId());
        assertThat(paid.getStatus()).isEqualTo("paid");
        assertThat(paid.getAmountPaid()).isEqualTo(1500L);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus()).isEqualTo("active");
    }

    @Test
    void successfulRenewalBillsTheNextPeriod() throws Exception {
        String subscriptionId = subscribedId();
        long firstPeriodEnd = stripe.v1().subscriptions().retrieve(subscriptionId).getItems().getData().get(0)
                .getCurrentPeriodEnd();

        Invoice renewal = dataObject(verified(standIn.succeedPayment(subscriptionId)), Invoice.class);

        assertThat(renewal.getBillingReason()).isEqualTo("subscription_cycle");
        assertThat(renewal.getLines().getData().get(0).getPeriod().getStart()).isEqualTo(firstPeriodEnd);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getItems().getData().get(0)
                .getCurrentPeriodStart()).isEqualTo(firstPeriodEnd);
        assertThat(stripe.v1().invoices().list().getData()).hasSize(2);
    }

    @Test
    void payInvoiceAndInvoiceFinalizedAnswerInvoiceEvents() throws Exception {
        String subscriptionId = subscribedId();
        standIn.failPayment(subscriptionId);
        String openInvoice = standIn.latestInvoiceId(subscriptionId);

        Event finalized = verified(standIn.invoiceFinalized(openInvoice));
        assertThat(finalized.getType()).isEqualTo("invoice.finalized");
        assertThat(dataObject(finalized, Invoice.class).getStatus()).isEqualTo("open");

        Event paid = verified(standIn.payInvoice(openInvoice));
        assertThat(paid.getType()).isEqualTo("invoice.paid");
        assertThat(dataObject(paid, Invoice.class).getStatus()).isEqualTo("paid");
    }

    @Test
    void subscriptionDeletedEventCancelsTheSubscription() throws Exception {
        String subscriptionId = subscribedId();

        Event event = verified(standIn.subscriptionEvent("customer.subscription.deleted", subscriptionId));

        assertThat(event.getType()).isEqualTo("customer.subscription.deleted");
        Subscription deleted = dataObject(event, Subscription.class);
        assertThat(deleted.getStatus()).isEqualTo("canceled");
        assertThat(deleted.getEndedAt()).isNotNull();
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus()).isEqualTo("canceled");
    }

    @Test
    void subscriptionUpdatedEventCarriesTheCurrentSubscription() throws Exception {
        String subscriptionId = subscribedId();

        Event event = verified(standIn.subscriptionEvent("customer.subscription.updated", subscriptionId));

        Subscription subscription = dataObject(event, Subscription.class);
        assertThat(subscription.getId()).isEqualTo(subscriptionId);
        assertThat(subscription.getItems().getData().get(0).getQuantity()).isEqualTo(3L);
    }

    @Test
    void apiChangesEmitEventsWithPreviousAttributesAndTheRequestId() throws Exception {
        String subscriptionId = subscribedId();
        Subscription subscription = stripe.v1().subscriptions().retrieve(subscriptionId);
        stripe.v1().subscriptionItems().update(subscription.getItems().getData().get(0).getId(),
                com.stripe.param.SubscriptionItemUpdateParams.builder().setQuantity(5L).build());

        String last = standIn.events().get(standIn.events().size() - 1);
        Event event = verified(last);

        assertThat(event.getType()).isEqualTo("customer.subscription.updated");
        assertThat(event.getRequest().getId()).startsWith("req_");
        assertThat(event.getRequest().getIdempotencyKey()).isNotBlank();
        assertThat(event.getData().getPreviousAttributes()).containsKey("items");
        assertThat(dataObject(event, Subscription.class).getItems().getData().get(0).getQuantity()).isEqualTo(5L);
    }

    @Test
    void completingCheckoutEmitsTheFullEventSequence() throws Exception {
        Session session = openCheckout(1);

        standIn.completeCheckout(session.getId());

        assertThat(standIn.events()).extracting(e -> JSON.readTree(e).get("type").asText())
                .containsExactly("customer.created", "customer.subscription.created", "invoice.created",
                        "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "checkout.session.completed");
    }

    @Test
    void simulationHelpersRejectUnknownIds() {
        assertThatThrownBy(() -> standIn.completeCheckout("cs_test_unknown"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cs_test_unknown");
        assertThatThrownBy(() -> standIn.failPayment("sub_unknown")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standIn.subscriptionEvent("invoice.paid", "sub_unknown"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkoutCannotBeCompletedTwice() throws StripeException {
        Session session = openCheckout(1);
        standIn.completeCheckout(session.getId());

        assertThatThrownBy(() -> standIn.completeCheckout(session.getId()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("complete");
    }
}
