package com.hostmcp.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.billing.BillingFixture;
import com.hostmcp.billing.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.StripeStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The internal API answers dashboard-api's service token only, and refuses bad input with a 400 problem document naming
 * the field, before anything reaches Stripe.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StripeStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class InternalApiAccessTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    BillingFixture fixture;
    UUID organizationId;

    @BeforeEach
    void setUp() {
        fixture = new BillingFixture(pool, mapper);
        organizationId = fixture.newOrganization();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void withoutATokenEveryInternalEndpointAnswers401() {
        given().get("/internal/organizations/{id}/billing", organizationId).then().statusCode(401);
        given().get("/internal/organizations/{id}/billing/invoices", organizationId).then().statusCode(401);
        given().get("/internal/organizations/{id}/billing/projected-bill", organizationId).then().statusCode(401);
        given().contentType("application/json").body(checkoutBody())
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId).then().statusCode(401);
        given().post("/internal/organizations/{id}/billing/subscription/cancel", organizationId).then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/internal/organizations/{id}/billing", organizationId)
                .then().statusCode(401);
    }

    @Test
    void aTokenWithoutTheBillingRoleIsRefusedWith403() {
        int checkoutsBefore = fixture.stripe().requestCount("POST", "/v1/checkout/sessions");

        given().auth().oauth2(TestTokens.tokenWithoutRole())
                .get("/internal/organizations/{id}/billing", organizationId).then().statusCode(403);
        given().auth().oauth2(TestTokens.tokenWithoutRole()).contentType("application/json").body(checkoutBody())
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId).then().statusCode(403);

        assertThat(fixture.stripe().requestCount("POST", "/v1/checkout/sessions")).isEqualTo(checkoutsBefore);
    }

    @Test
    void theServiceTokenReadsTheStatus() {
        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing", organizationId)
                .then().statusCode(200)
                .body("organizationId", equalTo(organizationId.toString()))
                .body("entitlement.state", equalTo("TRIAL"))
                .body("paymentAccount", equalTo(false));
    }

    @Test
    void redirectUrlsOutsideTheAllowedOriginsAre400sNamingTheFieldAndReachNoStripe() {
        int checkoutsBefore = fixture.stripe().requestCount("POST", "/v1/checkout/sessions");

        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", "https://evil.example/phish", "cancelUrl", "javascript:alert(1)"))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("errors.field", containsInAnyOrder("successUrl", "cancelUrl"));
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", "/relative", "cancelUrl", "http://user@localhost:8081/x"))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("successUrl", "cancelUrl"));
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("returnUrl", "https://localhost.evil.example/"))
                .post("/internal/organizations/{id}/billing/portal-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("returnUrl"));
        // the right host on another port is another origin
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("returnUrl", "http://localhost:8080/billing"))
                .post("/internal/organizations/{id}/billing/portal-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("returnUrl"));

        assertThat(fixture.stripe().requestCount("POST", "/v1/checkout/sessions")).isEqualTo(checkoutsBefore);
    }

    @Test
    void missingFieldsMalformedJsonIdsAndLimitsAre400Problems() {
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", BillingFixture.SUCCESS_URL))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("cancelUrl"));
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json").body("{\"successUrl\": ")
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("the request body is not valid JSON for this operation"));
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json")
                .body(Map.of("successUrl", 42, "cancelUrl", BillingFixture.CANCEL_URL + "/" + "x".repeat(2100)))
                .post("/internal/organizations/{id}/billing/checkout-sessions", organizationId)
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/not-a-uuid/billing")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("organizationId"));
        given().auth().oauth2(TestTokens.serviceToken()).queryParam("limit", 0)
                .get("/internal/organizations/{id}/billing/invoices", organizationId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("limit"));
    }

    @Test
    void anOrganizationWithoutABillingAccountIs404() {
        given().auth().oauth2(TestTokens.serviceToken())
                .get("/internal/organizations/{id}/billing", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.serviceToken()).contentType("application/json").body(checkoutBody())
                .post("/internal/organizations/{id}/billing/checkout-sessions", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void cancellingWithoutASubscriptionIsAConflict() {
        given().auth().oauth2(TestTokens.serviceToken())
                .post("/internal/organizations/{id}/billing/subscription/cancel", organizationId)
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("the organization has no active subscription"));
    }

    private static Map<String, String> checkoutBody() {
        return Map.of("successUrl", BillingFixture.SUCCESS_URL, "cancelUrl", BillingFixture.CANCEL_URL);
    }
}
