package com.hostmcp.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/** Every answer carries the security headers: the SPA, the API (also its errors), the sign-in redirect. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class SecurityHeadersTest {

    private static void assertSecurityHeaders(Response response) {
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void theSpasStaticFilesArePublicAndCarryTheSecurityHeaders() {
        Response response = given().redirects().follow(false).when().get("/static-probe.txt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).contains("public");
        assertSecurityHeaders(response);
    }

    @Test
    void apiErrorsCarryTheSecurityHeadersAndAreNeverCached() {
        Response response = given().when().get("/api/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertSecurityHeaders(response);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theSignInRedirectCarriesTheSecurityHeaders() {
        Response response = given().redirects().follow(false).when().get("/login");

        assertThat(response.statusCode()).isEqualTo(302);
        assertSecurityHeaders(response);
    }

    @Test
    void operationalEndpointsStayPublic() {
        given().when().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    }
}
