package com.hostmcp.standin.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;

/** Signatures follow Stripe's v1 scheme, as verified by stripe-java's Webhook.constructEvent. */
class StripeWebhookSignerTest {

    private static final String SECRET = StripeWebhookSigner.TEST_WEBHOOK_SECRET;
    private static final long TOLERANCE = 300;

    private static StripeStandIn standIn;
    private static String payload;

    @BeforeAll
    static void createEvent() {
        standIn = StripeStandIn.start(0);
        payload = standIn.subscriptionEvent("customer.subscription.updated", subscribe(standIn));
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    /** A subscription through the HTTP API and the checkout simulation, without stripe-java. */
    static String subscribe(StripeStandIn standIn) {
        try {
            StripeHttp http = new StripeHttp(standIn);
            String session = http.post("/v1/checkout/sessions", null, "mode=subscription&customer_email=a%40example.com"
                    + "&line_items[0][price]=" + StripeStandIn.PER_LISTING_PRICE_ID + "&line_items[0][quantity]=2")
                    .json().get("id").asText();
            standIn.completeCheckout(session);
            return http.get("/v1/checkout/sessions/" + session).json().get("subscription").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void headerIsTimestampAndHexHmacSha256OfTimestampDotPayload() throws Exception {
        String header = StripeWebhookSigner.signatureHeader("{\"a\":1}", "whsec_x", 1_700_000_000L);

        assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
        // the same value stripe-java computes for "<t>.<payload>"
        assertThat(header).isEqualTo(
                Webhook.Signature.generateSignatureHeader("{\"a\":1}", "whsec_x", 1_700_000_000L));
    }

    @Test
    void testSecretIsShortAndClearlyFake() {
        assertThat(SECRET).startsWith("whsec_standin");
        assertThat(SECRET.substring("whsec_".length())).doesNotMatch("[A-Za-z0-9]{20,}");
    }

    @Test
    void signedEventPassesConstructEventAndDeserializesToItsObject() throws Exception {
        String header = StripeWebhookSigner.signatureHeader(payload, SECRET);

        Event event = Webhook.constructEvent(payload, header, SECRET, TOLERANCE);

        assertThat(event.getType()).isEqualTo("customer.subscription.updated");
        assertThat(event.getDataObjectDeserializer().getObject()).get()
                .isInstanceOf(com.stripe.model.Subscription.class);
    }

    @Test
    void signedEventPassesTheDefaultToleranceOverload() throws Exception {
        String checkoutPayload = standIn.completeCheckout(new StripeHttp(standIn)
                .post("/v1/checkout/sessions", null, "mode=subscription&line_items[0][price]="
                        + StripeStandIn.PER_LISTING_PRICE_ID + "&line_items[0][quantity]=1")
                .json().get("id").asText());

        Event event = Webhook.constructEvent(checkoutPayload,
                StripeWebhookSigner.signatureHeader(checkoutPayload, SECRET), SECRET);

        assertThat(event.getDataObjectDeserializer().getObject()).get().isInstanceOf(Session.class);
    }

    @Test
    void invoiceEventDeserializesToInvoice() throws Exception {
        String subscription = subscribe(standIn);
        String invoicePayload = standIn.failPayment(subscription);

        Event event = Webhook.constructEvent(invoicePayload, StripeWebhookSigner.signatureHeader(invoicePayload, SECRET),
                SECRET, TOLERANCE);

        assertThat(event.getDataObjectDeserializer().getObject()).get().isInstanceOf(Invoice.class);
    }

    @Test
    void tamperedPayloadFailsVerification() {
        String header = StripeWebhookSigner.signatureHeader(payload, SECRET);
        String tampered = payload.replace("\"quantity\":2", "\"quantity\":200");
        assertThat(tampered).isNotEqualTo(payload);

        assertThatThrownBy(() -> Webhook.constructEvent(tampered, header, SECRET, TOLERANCE))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void wrongSecretFailsVerification() {
        String header = StripeWebhookSigner.signatureHeader(payload, "whsec_some_other");

        assertThatThrownBy(() -> Webhook.constructEvent(payload, header, SECRET, TOLERANCE))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void tenMinuteOldTimestampIsOutsideTheTolerance() {
        long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
        String header = StripeWebhookSigner.signatureHeader(payload, SECRET, tenMinutesAgo);

        assertThatThrownBy(() -> Webhook.constructEvent(payload, header, SECRET, TOLERANCE))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("tolerance");
    }

    @Test
    void fourMinuteOldTimestampIsStillAccepted() throws Exception {
        long fourMinutesAgo = Instant.now().getEpochSecond() - 240;
        String header = StripeWebhookSigner.signatureHeader(payload, SECRET, fourMinutesAgo);

        assertThat(Webhook.constructEvent(payload, header, SECRET, TOLERANCE).getId()).startsWith("evt_");
    }
}
