package com.hostmcp.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.dashboard.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/**
 * tenant, billing, sync and audit are not running in these tests (their URLs refuse connections): every endpoint that
 * needs them answers 503 problem details with Retry-After, quickly (a bounded retry of reads, none of changes), and
 * without naming an internal address. The local stack's integration test runs the same endpoints against the real
 * services.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class DependencyUnavailableTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET | /api/me | ",
            "GET | /api/members | ",
            "PATCH | /api/organization | {\"name\":\"Acme\"}",
            "PUT | /api/hostaway-connection | {\"accountId\":\"12345\",\"secretKey\":\"not-a-real-secret\"}",
            "POST | /api/hostaway-connection/test | ",
            "GET | /api/keys | ",
            "POST | /api/keys | {\"name\":\"laptop\"}",
            "GET | /api/usage | ",
            "GET | /api/usage/daily | ",
            "GET | /api/billing | ",
            "POST | /api/billing/checkout | {}",
            "GET | /api/billing/invoices | ",
            "POST | /api/sync-requests | ",
            "GET | /api/sync-runs | ",
            "GET | /api/audit-log | ",
    })
    void anEndpointWhoseServiceIsDownAnswers503WithRetryAfterAndNoInternalAddress(String method, String path,
            String body) {
        var request = given().auth().oauth2(TestTokens.bearer()).contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        long started = System.nanoTime();
        Response response = request.when().request(method, path);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.jsonPath().getString("instance")).isEqualTo(path);
        assertThat(response.asString()).doesNotContain("127.0.0.1", "localhost", "http://", "Exception", ":1");
        assertThat(millis).as("answered without waiting for timeouts").isLessThan(5_000);
    }
}
