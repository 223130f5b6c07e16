package com.hostmcp.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.billing.BillingFixture;
import com.hostmcp.standin.stripe.StripeStandIn;
import com.hostmcp.standin.stripe.StripeWebhookSigner;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.StripeStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What {@code /webhooks/stripe} does with bodies that are not events: too large, not JSON, nested absurdly deep, not
 * UTF-8, JSON that is not an event (correctly signed, as only Stripe or a leaked secret could), and oversized headers.
 * Every one is a 4xx (problem+json, but for a chunked body over the limit and headers over theirs, which the HTTP
 * server refuses bare) without internals, nothing is stored, and the service stays ready.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StripeStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class StripeWebhookBadInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Pattern INTERNALS = Pattern.compile("(?i)exception|\\tat |\\.java:\\d|\\b(java|javax|jakarta"
            + "|sun)\\.[a-z]|\\b(io\\.(quarkus|vertx|smallrye|netty)|com\\.(hostmcp|stripe\\.|google|fasterxml)"
            + "|org\\.(jboss|postgresql))|stack ?trace");

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    BillingFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new BillingFixture(pool, mapper);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void signedBodiesThatAreNotStripeEventsAre400AndStoreNothing() {
        long storedBefore = fixture.countRows("SELECT count(*) FROM billing.stripe_events");
        String id = "evt_bad_" + UUID.randomUUID().toString().replace("-", "");
        long now = Instant.now().getEpochSecond();
        List<String> bodies = List.of("{not json", "[]", "42", "\"evt\"", "null", "{}",
                "{\"id\":\"" + id + "\",\"object\":\"event\"}",
                "{\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":" + now + ",\"data\":{\"object\":{}}}",
                "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":42,\"created\":" + now + "}",
                "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":" + now + "}",
                "{\"id\":\"../../admin\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":" + now
                        + ",\"data\":{\"object\":{}}}",
                "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":\"yesterday\"}",
                "{\"id\":{\"$gt\":\"\"},\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":" + now + "}",
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":"
                        + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}");

        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            Response response = post(body.getBytes(StandardCharsets.UTF_8), sign(body));
            String what = body.length() > 60 ? body.substring(0, 60) + "..." : body;
            if (response.statusCode() != 400 || !response.contentType().startsWith(PROBLEM)) {
                failures.add(what + " -> " + response.statusCode() + " " + response.asString());
            }
            assertNoInternals(what, response.asString());
        }
        assertThat(failures).isEmpty();
        assertThat(fixture.countRows("SELECT count(*) FROM billing.stripe_events")).isEqualTo(storedBefore);
        stillReady();
    }

    @Test
    void bodiesOverTheOneMegabyteLimitAre413ProblemsSignedOrNot() throws Exception {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) ' ');
        twoMegabytes[0] = '{';
        twoMegabytes[twoMegabytes.length - 1] = '}';
        String body = new String(twoMegabytes, StandardCharsets.UTF_8);

        for (Response response : List.of(post(twoMegabytes, sign(body)), post(twoMegabytes, "t=1,v1=00"))) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.contentType()).startsWith(PROBLEM);
            assertThat(response.jsonPath().getString("detail")).contains("1 MB");
            assertNoInternals("2 MB", response.asString());
        }
        // without a Content-Length (chunked; Stripe always sends one) Quarkus cuts the body off while it is read and
        // answers a bare 413
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + RestAssured.port + "/webhooks/stripe")).header("Content-Type", "application/json")
                .header(StripeWebhookSigner.SIGNATURE_HEADER, sign(body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(twoMegabytes))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).isEmpty();
        stillReady();
    }

    @Test
    void invalidUtf8IsRefusedBecauseItsSignatureCannotMatch() {
        UUID organizationId = fixture.newOrganization();
        String subscriptionId = fixture.subscribedOrganization(organizationId, 2);
        StripeStandIn stripe = fixture.stripe();
        String failed = stripe.failPayment(subscriptionId);
        byte[] bytes = failed.getBytes(StandardCharsets.UTF_8);
        int at = failed.indexOf("payment_failed");
        bytes[at] = (byte) 0xC3; // not UTF-8: a lead byte followed by ASCII
        String signedAsSent = new String(bytes, StandardCharsets.ISO_8859_1);

        Response response = post(bytes, sign(signedAsSent));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(fixture.entitlement(organizationId).orElseThrow().getString("state")).isEqualTo("ACTIVE");
    }

    @Test
    void aSignatureHeaderOverTheHeaderLimitIs431() {
        String event = "{\"id\":\"evt_x\",\"object\":\"event\",\"type\":\"charge.refunded\"}";
        given().contentType("application/json").header(StripeWebhookSigner.SIGNATURE_HEADER,
                sign(event) + ",v1=0".repeat(20_000)).body(event).post("/webhooks/stripe").then().statusCode(431);
        stillReady();
    }

    private void stillReady() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"UP\""));
    }

    private static Response post(byte[] body, String signature) {
        return given().contentType("application/json").header(StripeWebhookSigner.SIGNATURE_HEADER, signature)
                .body(body).post("/webhooks/stripe");
    }

    private static String sign(String payload) {
        return StripeWebhookSigner.signatureHeader(payload, StripeWebhookSigner.TEST_WEBHOOK_SECRET);
    }

    private static void assertNoInternals(String what, String body) {
        assertThat(INTERNALS.matcher(body).find()).as("%s leaks internals: %s", what, body).isFalse();
    }
}
