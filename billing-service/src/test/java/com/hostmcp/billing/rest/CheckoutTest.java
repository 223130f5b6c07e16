package com.hostmcp.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.billing.BillingFixture;
import com.hostmcp.billing.TestTokens;
import com.hostmcp.standin.stripe.RecordedStripeRequest;
import com.hostmcp.standin.stripe.StripeStandIn;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.StripeStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** Checkout, portal, cancellation and the billing state, through the internal API against the Stripe stand-in. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StripeStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class CheckoutTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    BillingFixture fixture;
    StripeStandIn stripe;

    @BeforeEach
    void setUp() {
        fixture = new BillingFixture(pool, mapper);
        stripe = fixture.stripe();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void checkoutCreatesASubscriptionSessionForTheLatestActiveListingCount() {
        UUID organizationId = fixture.newOrganization();
        fixture.reportCount(organizationId, 5);
        int sessionsBefore = stripe.requestCount("POST", "/v1/checkout/sessions");

        String url = given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", BillingFixture.SUCCESS_URL, "cancelUrl", BillingFixture.CANCEL_URL))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(201)
                .body("sessionId", startsWith("cs_test_"))
                .body("quantity", equalTo(5))
                .extract().path("url");

        assertThat(url).startsWith(stripe.baseUrl());
        List<RecordedStripeRequest> sessions = stripe.requests("POST", "/v1/checkout/sessions");
        assertThat(sessions).hasSize(sessionsBefore + 1);
        RecordedStripeRequest session = sessions.get(sessions.size() - 1);
        assertThat(session.param("mode")).isEqualTo("subscription");
        assertThat(session.param("line_items[0][price]")).isEqualTo(StripeStandIn.PER_LISTING_PRICE_ID);
        assertThat(session.param("line_items[0][quantity]")).isEqualTo("5");
        assertThat(session.param("success_url")).isEqualTo(BillingFixture.SUCCESS_URL);
        assertThat(session.param("cancel_url")).isEqualTo(BillingFixture.CANCEL_URL);
        assertThat(session.param("client_reference_id")).isEqualTo(organizationId.toString());
        assertThat(session.param("subscription_data[metadata][organization_id]")).isEqualTo(organizationId.toString());
        assertThat(session.param("customer")).startsWith("cus_");
    }

    @Test
    void theStripeCustomerIsCreatedOnceWithTheOrganizationsIdempotencyKey() {
        UUID organizationId = fixture.newOrganization();
        int customersBefore = stripe.requestCount("POST", "/v1/customers");

        fixture.startCheckout(organizationId);
        fixture.startCheckout(organizationId);

        List<RecordedStripeRequest> customers = stripe.requests("POST", "/v1/customers");
        assertThat(customers).hasSize(customersBefore + 1);
        RecordedStripeRequest created = customers.get(customers.size() - 1);
        assertThat(created.idempotencyKey()).isEqualTo("hostmcp-customer-" + organizationId);
        assertThat(created.param("metadata[organization_id]")).isEqualTo(organizationId.toString());
        List<String> sessionCustomers = stripe.requests("POST", "/v1/checkout/sessions").stream()
                .filter(r -> organizationId.toString().equals(r.param("client_reference_id")))
                .map(r -> r.param("customer")).distinct().toList();
        assertThat(sessionCustomers).hasSize(1);
    }

    @Test
    void withoutAListingCountTheCheckoutIsForOneListingAndZeroActiveListingsCountAsOne() {
        UUID organizationId = fixture.newOrganization();
        checkout(organizationId).then().statusCode(201).body("quantity", equalTo(1));

        fixture.reportCount(organizationId, 0);
        checkout(organizationId).then().statusCode(201).body("quantity", equalTo(1));
    }

    @Test
    void aPaidCheckoutActivatesTheSubscriptionAndTheStatusShowsIt() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 4);

        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing", organizationId)
                .then().statusCode(200)
                .body("entitlement.state", equalTo("ACTIVE"))
                .body("entitlement.mcpAccess", equalTo(true))
                .body("subscription.id", equalTo(subscriptionId))
                .body("subscription.status", equalTo("active"))
                .body("subscription.quantity", equalTo(4))
                .body("subscription.cancelAtPeriodEnd", equalTo(false))
                .body("listingCount.activeListings", equalTo(4))
                .body("paymentAccount", equalTo(true));
        // a second subscription is not sold to a subscribed organization
        checkout(organizationId).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void cancelAtPeriodEndKeepsAccessUntilThePeriodEndsAndResumeTakesItBack() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        String periodEnd = given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing", organizationId)
                .then().extract().path("subscription.currentPeriodEnd");

        given().auth().oauth2(TestTokens.serviceToken())
                .post("/internal/organizations/{id}/billing/subscription/cancel", organizationId)
                .then().statusCode(200)
                .body("subscription.cancelAtPeriodEnd", equalTo(true))
                .body("entitlement.state", equalTo("ACTIVE"))
                .body("entitlement.validUntil", equalTo(periodEnd));
        RecordedStripeRequest cancel = last(stripe.requests("POST", "/v1/subscriptions/" + subscriptionId));
        assertThat(cancel.param("cancel_at_period_end")).isEqualTo("true");

        given().auth().oauth2(TestTokens.serviceToken())
                .post("/internal/organizations/{id}/billing/subscription/resume", organizationId)
                .then().statusCode(200)
                .body("subscription.cancelAtPeriodEnd", equalTo(false))
                .body("entitlement.state", equalTo("ACTIVE"));
        assertThat(last(stripe.requests("POST", "/v1/subscriptions/" + subscriptionId)).param("cancel_at_period_end"))
                .isEqualTo("false");
    }

    @Test
    void theSubscriptionDeletedAtPeriodEndCancelsTheEntitlement() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 3);
        given().auth().oauth2(TestTokens.serviceToken())
                .post("/internal/organizations/{id}/billing/subscription/cancel", organizationId)
                .then().statusCode(200);

        // the period ends: Stripe deletes the subscription and says so
        fixture.deliverAll(List.of(stripe.subscriptionEvent("customer.subscription.deleted", subscriptionId)));

        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing", organizationId)
                .then().statusCode(200)
                .body("entitlement.state", equalTo("CANCELED"))
                .body("entitlement.mcpAccess", equalTo(false))
                .body("subscription.status", equalTo("canceled"));
        assertThat(fixture.outbox(organizationId, "com.hostmcp.billing.SubscriptionCanceled.v1")).hasSize(1);
    }

    @Test
    void thePortalOpensForACustomerAndNeedsOne() {
        UUID organizationId = fixture.newOrganization();
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("returnUrl", BillingFixture.CANCEL_URL))
                .post("/internal/organizations/{id}/billing/portal-sessions", organizationId)
                .then().statusCode(409).contentType("application/problem+json");

        fixture.startCheckout(organizationId);
        String url = given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("returnUrl", BillingFixture.CANCEL_URL))
                .post("/internal/organizations/{id}/billing/portal-sessions", organizationId)
                .then().statusCode(201).extract().path("url");
        assertThat(url).startsWith(stripe.baseUrl() + "/portal/");
        assertThat(last(stripe.requests("POST", "/v1/billing_portal/sessions")).param("return_url"))
                .isEqualTo(BillingFixture.CANCEL_URL);
    }

    @Test
    void invoicesAreListedNewestFirstWithTheirListingCountAndLinks() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 6);
        String first = stripe.latestInvoiceId(subscriptionId);
        int mark = stripe.events().size();
        stripe.succeedPayment(subscriptionId);
        fixture.deliverAll(fixture.eventsSince(mark));
        String second = stripe.latestInvoiceId(subscriptionId);

        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing/invoices", organizationId)
                .then().statusCode(200)
                .body("id", equalTo(List.of(second, first)))
                .body("[0].status", equalTo("paid"))
                .body("[0].listingCount", equalTo(6))
                .body("[0].amountPaid", equalTo(6 * 500))
                .body("[0].currency", equalTo("usd"))
                .body("[0].number", notNullValue())
                .body("[0].hostedInvoiceUrl", startsWith(stripe.baseUrl() + "/invoices/" + second))
                .body("[0].invoicePdfUrl", startsWith(stripe.baseUrl() + "/invoices/" + second))
                .body("[1].listingCount", equalTo(6));
    }

    @Test
    void theProjectedBillIsQuantityTimesUnitPricePlusStripesPreview() {
        UUID organizationId = fixture.newOrganization();
        fixture.reportCount(organizationId, 8);
        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing/projected-bill", organizationId)
                .then().statusCode(200)
                .body("quantity", equalTo(8)).body("unitAmount", equalTo(500)).body("amount", equalTo(4000))
                .body("basis", equalTo("LISTING_COUNT")).body("upcomingInvoice", nullValue());

        fixture.subscribedOrganization(organizationId, 8);
        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing/projected-bill", organizationId)
                .then().statusCode(200)
                .body("quantity", equalTo(8)).body("amount", equalTo(4000)).body("basis", equalTo("SUBSCRIPTION"))
                .body("upcomingInvoice.amountDue", equalTo(4000))
                .body("upcomingInvoice.currency", equalTo("usd"));
    }

    @Test
    void theProjectedBillToleratesStripesPreviewFailing() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 2);
        // once it cancels at period end, Stripe has no upcoming invoice and answers the preview with an error
        given().auth().oauth2(TestTokens.serviceToken())
                .post("/internal/organizations/{id}/billing/subscription/cancel", organizationId)
                .then().statusCode(200);
        int previews = stripe.requestCount("POST", "/v1/invoices/create_preview");

        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing/projected-bill", organizationId)
                .then().statusCode(200)
                .body("quantity", equalTo(2)).body("amount", equalTo(1000)).body("upcomingInvoice", nullValue());
        List<RecordedStripeRequest> asked = stripe.requests("POST", "/v1/invoices/create_preview");
        assertThat(asked).hasSize(previews + 1);
        assertThat(last(asked).status()).isEqualTo(400);
        assertThat(last(asked).param("subscription")).isEqualTo(subscriptionId);
    }

    private io.restassured.response.Response checkout(UUID organizationId) {
        return given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", BillingFixture.SUCCESS_URL, "cancelUrl", BillingFixture.CANCEL_URL))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId);
    }

    private static RecordedStripeRequest last(List<RecordedStripeRequest> requests) {
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }
}
