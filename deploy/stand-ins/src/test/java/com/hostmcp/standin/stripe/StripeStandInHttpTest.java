package com.hostmcp.standin.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;

/** Wire-level behaviour: auth, errors, idempotency, form encoding, lists, pages and webhook delivery. */
class StripeStandInHttpTest {

    private static StripeStandIn standIn;
    private StripeHttp http;

    @BeforeAll
    static void start() {
        standIn = StripeStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.reset();
        http = new StripeHttp(standIn);
    }

    private String createCustomer(String email) throws Exception {
        return http.post("/v1/customers", null, "email=" + email.replace("@", "%40")).json().get("id").asText();
    }

    private JsonNode createCheckout(String customerId, int quantity) throws Exception {
        return http.post("/v1/checkout/sessions", null, "mode=subscription&customer=" + customerId
                + "&line_items[0][price]=" + StripeStandIn.PER_LISTING_PRICE_ID + "&line_items[0][quantity]=" + quantity
                + "&success_url=" + "http%3A%2F%2Flocalhost%3A8080%2Fdone%3Fsession%3D%7BCHECKOUT_SESSION_ID%7D"
                + "&cancel_url=http%3A%2F%2Flocalhost%3A8080%2Fcancel").json();
    }

    private String subscribe(String customerId, int quantity) throws Exception {
        String session = createCheckout(customerId, quantity).get("id").asText();
        standIn.completeCheckout(session);
        return http.get("/v1/checkout/sessions/" + session).json().get("subscription").asText();
    }

    @Test
    void simulationControlsFailAndSucceedAPaymentOverHttpLikeTheJavaHelpers() throws Exception {
        String subscription = subscribe(createCustomer("sim@example.com"), 3);

        StripeHttp.Response failed = http.post("/_simulate/subscriptions/" + subscription + "/fail-payment", null, "");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().get("type").asText()).isEqualTo("invoice.payment_failed");
        assertThat(http.get("/v1/subscriptions/" + subscription).json().get("status").asText()).isEqualTo("past_due");

        StripeHttp.Response paid = http.post("/_simulate/subscriptions/" + subscription + "/succeed-payment", null, "");
        assertThat(paid.json().get("type").asText()).isEqualTo("invoice.paid");
        assertThat(http.get("/v1/subscriptions/" + subscription).json().get("status").asText()).isEqualTo("active");

        assertThat(http.post("/_simulate/subscriptions/" + subscription + "/explode", null, "").status())
                .isEqualTo(404);
    }

    @Test
    void missingApiKeyAnswers401InStripeErrorShape() throws Exception {
        StripeHttp.Response response = http.withAuthorization(null).get("/v1/customers");

        assertThat(response.status()).isEqualTo(401);
        JsonNode error = response.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("You did not provide an API key");
        assertThat(response.header("Request-Id")).startsWith("req_");
    }

    @Test
    void basicAuthWithATestKeyIsAccepted() throws Exception {
        String basic = Base64.getEncoder().encodeToString("sk_test_anything:".getBytes(StandardCharsets.UTF_8));

        assertThat(http.withAuthorization("Basic " + basic).get("/v1/customers").status()).isEqualTo(200);
    }

    @Test
    void unknownIdAnswers404ResourceMissing() throws Exception {
        StripeHttp.Response response = http.get("/v1/invoices/in_missing");

        assertThat(response.status()).isEqualTo(404);
        JsonNode error = response.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("resource_missing");
        assertThat(error.get("message").asText()).isEqualTo("No such invoice: 'in_missing'");
    }

    @Test
    void missingRequiredParamAnswers400ParameterMissing() throws Exception {
        StripeHttp.Response response = http.post("/v1/billing_portal/sessions", null, "return_url=http%3A%2F%2Fx");

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("parameter_missing");
        assertThat(error.get("param").asText()).isEqualTo("customer");
    }

    @Test
    void unknownEndpointAnswers404UnrecognizedUrl() throws Exception {
        StripeHttp.Response response = http.get("/v1/charges");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").get("message").asText()).contains("Unrecognized request URL");
    }

    @Test
    void idempotentReplayAnswersTheSameBodyWithReplayedHeader() throws Exception {
        StripeHttp.Response first = http.post("/v1/customers", "key-1", "email=a%40example.com&metadata[org_id]=1");
        StripeHttp.Response second = http.post("/v1/customers", "key-1", "metadata[org_id]=1&email=a%40example.com");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(http.get("/v1/customers").json().get("data")).hasSize(1);
    }

    @Test
    void idempotencyKeyReusedWithOtherParamsAnswers400IdempotencyError() throws Exception {
        http.post("/v1/customers", "key-2", "email=a%40example.com");

        StripeHttp.Response conflict = http.post("/v1/customers", "key-2", "email=b%40example.com");

        assertThat(conflict.status()).isEqualTo(400);
        assertThat(conflict.json().get("error").get("type").asText()).isEqualTo("idempotency_error");
    }

    @Test
    void failedValidationIsNotSavedUnderTheIdempotencyKey() throws Exception {
        assertThat(http.post("/v1/billing_portal/sessions", "key-3", "").status()).isEqualTo(400);
        String customer = createCustomer("c@example.com");

        StripeHttp.Response retry = http.post("/v1/billing_portal/sessions", "key-3", "customer=" + customer);

        assertThat(retry.status()).isEqualTo(200);
    }

    @Test
    void bracketNotationFillsMetadataLineItemsAndExpand() throws Exception {
        String customer = createCustomer("d@example.com");

        JsonNode session = http.post("/v1/checkout/sessions", null, "mode=subscription&customer=" + customer
                + "&line_items[0][price]=" + StripeStandIn.PER_LISTING_PRICE_ID + "&line_items[0][quantity]=4"
                + "&metadata[org_id]=org-9&metadata[plan]=listing&subscription_data[metadata][org_id]=org-9"
                + "&client_reference_id=org-9&expand[]=line_items&expand[]=customer").json();

        assertThat(session.get("metadata").get("org_id").asText()).isEqualTo("org-9");
        assertThat(session.get("metadata").get("plan").asText()).isEqualTo("listing");
        assertThat(session.get("line_items").get("data").get(0).get("quantity").asLong()).isEqualTo(4);
        assertThat(session.get("line_items").get("data").get(0).get("price").get("id").asText())
                .isEqualTo(StripeStandIn.PER_LISTING_PRICE_ID);
        assertThat(session.get("customer").get("email").asText()).isEqualTo("d@example.com");
        assertThat(session.get("amount_total").asLong()).isEqualTo(2000);

        standIn.completeCheckout(session.get("id").asText());
        String subscription = http.get("/v1/checkout/sessions/" + session.get("id").asText()).json()
                .get("subscription").asText();
        assertThat(http.get("/v1/subscriptions/" + subscription).json().get("metadata").get("org_id").asText())
                .isEqualTo("org-9");
    }

    @Test
    void listsHaveStripeShapeAndPaginate() throws Exception {
        String customer = createCustomer("e@example.com");
        String subscription = subscribe(customer, 2);
        standIn.succeedPayment(subscription);

        JsonNode all = http.get("/v1/invoices?customer=" + customer + "&subscription=" + subscription).json();
        assertThat(all.get("object").asText()).isEqualTo("list");
        assertThat(all.get("url").asText()).isEqualTo("/v1/invoices");
        assertThat(all.get("has_more").asBoolean()).isFalse();
        assertThat(all.get("data")).hasSize(2);

        JsonNode firstPage = http.get("/v1/invoices?customer=" + customer + "&limit=1").json();
        assertThat(firstPage.get("has_more").asBoolean()).isTrue();
        String newest = firstPage.get("data").get(0).get("id").asText();
        assertThat(newest).isEqualTo(all.get("data").get(0).get("id").asText());
        JsonNode secondPage = http.get("/v1/invoices?customer=" + customer + "&limit=1&starting_after=" + newest).json();
        assertThat(secondPage.get("has_more").asBoolean()).isFalse();
        assertThat(secondPage.get("data").get(0).get("billing_reason").asText()).isEqualTo("subscription_create");
    }

    @Test
    void subscriptionsListFiltersByCustomerAndStatus() throws Exception {
        String customer = createCustomer("f@example.com");
        String other = createCustomer("g@example.com");
        String subscription = subscribe(customer, 1);
        subscribe(other, 1);
        standIn.failPayment(subscription);

        assertThat(http.get("/v1/subscriptions?customer=" + customer).json().get("data")).hasSize(1);
        assertThat(http.get("/v1/subscriptions?customer=" + customer + "&status=past_due").json().get("data")).hasSize(1);
        assertThat(http.get("/v1/subscriptions?customer=" + customer + "&status=active").json().get("data")).isEmpty();
        assertThat(http.get("/v1/subscriptions").json().get("data")).hasSize(2);
    }

    @Test
    void trialFromSubscriptionDataStartsTrialingWithAZeroInvoice() throws Exception {
        String customer = createCustomer("t@example.com");
        String session = http.post("/v1/checkout/sessions", null, "mode=subscription&customer=" + customer
                + "&line_items[0][price]=" + StripeStandIn.PER_LISTING_PRICE_ID + "&line_items[0][quantity]=3"
                + "&subscription_data[trial_period_days]=14").json().get("id").asText();

        standIn.completeCheckout(session);

        JsonNode completed = http.get("/v1/checkout/sessions/" + session).json();
        assertThat(completed.get("payment_status").asText()).isEqualTo("no_payment_required");
        JsonNode subscription = http.get("/v1/subscriptions/" + completed.get("subscription").asText()
                + "?expand[]=latest_invoice").json();
        assertThat(subscription.get("status").asText()).isEqualTo("trialing");
        assertThat(subscription.get("trial_end").asLong() - subscription.get("trial_start").asLong())
                .isEqualTo(14 * 86_400L);
        assertThat(subscription.get("latest_invoice").get("amount_due").asLong()).isZero();
    }

    @Test
    void unchangedUpdateEmitsNoSubscriptionUpdatedEvent() throws Exception {
        String subscription = subscribe(createCustomer("u@example.com"), 1);
        int before = standIn.events().size();

        http.post("/v1/subscriptions/" + subscription, null, "cancel_at_period_end=false");

        assertThat(standIn.events()).hasSize(before);
    }

    @Test
    void deleteSubscriptionCancelsImmediately() throws Exception {
        String subscription = subscribe(createCustomer("h@example.com"), 1);

        JsonNode canceled = http.delete("/v1/subscriptions/" + subscription).json();

        assertThat(canceled.get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.get("canceled_at").isNumber()).isTrue();
        assertThat(http.post("/v1/subscriptions/" + subscription, null, "cancel_at_period_end=true").status())
                .isEqualTo(400);
    }

    @Test
    void checkoutPagePayButtonCompletesTheSessionAndRedirectsToSuccessUrl() throws Exception {
        JsonNode session = createCheckout(createCustomer("i@example.com"), 3);
        String url = session.get("url").asText();
        String id = session.get("id").asText();
        assertThat(url).isEqualTo(standIn.baseUrl() + "/checkout/" + id);

        StripeHttp.Response page = http.get("/checkout/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("action=\"/checkout/" + id + "/pay\"").contains(">Pay<").contains("$15.00");

        StripeHttp.Response paid = http.send("POST", "/checkout/" + id + "/pay", "", "application/x-www-form-urlencoded",
                Map.of());
        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.header("Location")).isEqualTo("http://localhost:8080/done?session=" + id);

        JsonNode completed = http.get("/v1/checkout/sessions/" + id).json();
        assertThat(completed.get("status").asText()).isEqualTo("complete");
        assertThat(completed.get("url").isNull()).isTrue();
        String subscription = completed.get("subscription").asText();
        assertThat(http.get("/v1/subscriptions/" + subscription).json().get("items").get("data").get(0)
                .get("quantity").asLong()).isEqualTo(3);
    }

    @Test
    void portalPageCancelsAtPeriodEndAndLinksBack() throws Exception {
        String customer = createCustomer("j@example.com");
        String subscription = subscribe(customer, 2);
        JsonNode portal = http.post("/v1/billing_portal/sessions", null,
                "customer=" + customer + "&return_url=http%3A%2F%2Flocalhost%3A8080%2Fsettings").json();
        String path = portal.get("url").asText().substring(standIn.baseUrl().length());

        StripeHttp.Response page = http.get(path);
        assertThat(page.body()).contains(subscription).contains("http://localhost:8080/settings");

        StripeHttp.Response cancel = http.send("POST", path + "/subscriptions/" + subscription + "/cancel", "",
                "application/x-www-form-urlencoded", Map.of());
        assertThat(cancel.status()).isEqualTo(303);
        assertThat(http.get("/v1/subscriptions/" + subscription).json().get("cancel_at_period_end").asBoolean()).isTrue();

        http.send("POST", path + "/subscriptions/" + subscription + "/quantity", "quantity=5",
                "application/x-www-form-urlencoded", Map.of());
        assertThat(http.get("/v1/subscriptions/" + subscription).json().get("items").get("data").get(0).get("quantity")
                .asLong()).isEqualTo(5);
    }

    @Test
    void hostedInvoicePageAndPdfAreServed() throws Exception {
        String subscription = subscribe(createCustomer("k@example.com"), 2);
        JsonNode invoice = http.get("/v1/invoices/" + standIn.latestInvoiceId(subscription)).json();

        StripeHttp.Response page = http.get(invoice.get("hosted_invoice_url").asText().substring(standIn.baseUrl().length()));
        StripeHttp.Response pdf = http.get(invoice.get("invoice_pdf").asText().substring(standIn.baseUrl().length()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("$10.00");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-1.4").contains("%%EOF");
    }

    @Test
    void emittedEventsAreDeliveredSignedToTheConfiguredWebhookEndpoint() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/stripe/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] { body, exchange.getRequestHeaders().getFirst("Stripe-Signature") });
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            standIn.deliverWebhooksTo("http://127.0.0.1:" + receiver.getAddress().getPort() + "/stripe/webhook",
                    StripeWebhookSigner.TEST_WEBHOOK_SECRET);
            String id = createCheckout(createCustomer("l@example.com"), 2).get("id").asText();

            http.send("POST", "/checkout/" + id + "/pay", "", "application/x-www-form-urlencoded", Map.of());
            assertThat(standIn.awaitWebhookDeliveries(Duration.ofSeconds(10))).isTrue();

            List<String> types = new ArrayList<>();
            for (String[] delivery : received) {
                Event event = Webhook.constructEvent(delivery[0], delivery[1], StripeWebhookSigner.TEST_WEBHOOK_SECRET);
                types.add(event.getType());
            }
            assertThat(types).startsWith("customer.created").contains("invoice.paid").endsWith("checkout.session.completed");
            assertThat(received).hasSameSizeAs(standIn.events());
        } finally {
            standIn.stopDeliveringWebhooks();
            receiver.stop(0);
        }
    }

    @Test
    void requestJournalRecordsMethodPathParamsKeyAndStatusUntilReset() throws Exception {
        http.post("/v1/customers", "journal-key", "email=m%40example.com&metadata[org_id]=7");
        http.get("/v1/customers/cus_missing");

        List<RecordedStripeRequest> requests = standIn.requests();
        assertThat(requests).hasSize(2);
        RecordedStripeRequest post = requests.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/v1/customers");
        assertThat(post.param("metadata[org_id]")).isEqualTo("7");
        assertThat(post.idempotencyKey()).isEqualTo("journal-key");
        assertThat(post.status()).isEqualTo(200);
        assertThat(requests.get(1).status()).isEqualTo(404);
        assertThat(standIn.requestCount("GET", "/v1/customers/")).isEqualTo(1);
        assertThat(standIn.requestCount("POST", "/v1/customers")).isEqualTo(1);

        standIn.reset();

        assertThat(standIn.requests()).isEmpty();
        assertThat(http.get("/v1/customers").json().get("data")).isEmpty();
        assertThat(http.get("/v1/prices/" + StripeStandIn.PER_LISTING_PRICE_ID).status()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsAreAllServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String email = "n" + i + "%40example.com";
                results.add(pool.submit(() -> new StripeHttp(standIn).post("/v1/customers", null, "email=" + email)
                        .status()));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(http.get("/v1/customers?limit=100").json().get("data")).hasSize(40);
    }

    @Test
    void perListingUnitAmountIsConfigurable() throws Exception {
        standIn.setPerListingUnitAmount(900);
        try {
            assertThat(http.get("/v1/prices/" + StripeStandIn.PER_LISTING_PRICE_ID).json().get("unit_amount").asLong())
                    .isEqualTo(900);
            assertThat(createCheckout(createCustomer("o@example.com"), 2).get("amount_total").asLong()).isEqualTo(1800);
        } finally {
            standIn.setPerListingUnitAmount(StripeStandIn.DEFAULT_PER_LISTING_UNIT_AMOUNT);
        }
    }

    @Test
    void startOnAGivenPortServesThere() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (StripeStandIn fixed = StripeStandIn.start(port)) {
            assertThat(fixed.port()).isEqualTo(port);
            assertThat(fixed.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        }
    }
}
