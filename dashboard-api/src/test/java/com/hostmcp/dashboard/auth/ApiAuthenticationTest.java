package com.hostmcp.dashboard.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.dashboard.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/** /api answers 401 problem details to anyone not signed in, never a redirect to the sign-in page. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class ApiAuthenticationTest {

    @Test
    void anApiRequestWithoutSessionOrTokenIs401ProblemWithoutRedirect() {
        given().redirects().follow(false).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("Location", nullValue())
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("instance", equalTo("/api/me")).body("detail", containsString("sign in"));
    }

    @Test
    void theSpasScriptRequestWithoutSessionIsThe401ProblemToo() {
        given().redirects().follow(false).header("X-Requested-With", "JavaScript").when().get("/api/usage")
                .then().statusCode(401).contentType("application/problem+json")
                .header("Location", nullValue()).body("status", equalTo(401));
    }

    @Test
    void aSessionCookieThatIsNotOneOfOursIs401() {
        given().redirects().follow(false).cookie("q_session", "forged.session.cookie.value.x")
                .header("X-Requested-With", "JavaScript").when().get("/api/me")
                .then().statusCode(401).header("Location", nullValue()).body("status", equalTo(401));
    }

    @Test
    void aBearerTokenThatIsNotSignedByTheProviderIs401() {
        String unsigned = TestTokens.bearer().substring(0, TestTokens.bearer().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(unsigned).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiredBearerTokenIs401() {
        String expired = Jwt.subject(UUID.randomUUID().toString()).issuer(TestTokens.ISSUER)
                .issuedAt(1_600_000_000L).expiresAt(1_600_000_300L).jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(expired).when().get("/api/keys").then().statusCode(401);
    }

    @Test
    void aChangeWithoutSessionTokenOrCsrfPairIs401NotACsrfRefusal() {
        given().redirects().follow(false).contentType("application/json").body("{}")
                .when().post("/api/keys")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aChangeWithAForgedSessionCookieButNoCsrfHeaderIsACsrfRefusal() {
        given().redirects().follow(false).cookie("q_session", "forged.session.cookie.value.x")
                .contentType("application/json").body("{}")
                .when().post("/api/keys")
                .then().statusCode(403).body("type", equalTo(CsrfProtection.PROBLEM_TYPE));
    }

    @Test
    void aChangeWithAMatchingCsrfPairButNoSessionIsStill401() {
        String token = "A".repeat(43);
        given().cookie(CsrfProtection.COOKIE, token).header(CsrfProtection.HEADER, token)
                .contentType("application/json").body("{}")
                .when().post("/api/keys")
                .then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void aValidBearerTokenIsAuthenticatedAndExemptFromTheCsrfCheck() {
        // no CSRF cookie or header: a bearer request passes; tenant-service is not running in these tests (503)
        given().auth().oauth2(TestTokens.bearer()).contentType("application/json").body("{\"name\":\"ci\"}")
                .when().post("/api/keys")
                .then().statusCode(503);
    }

    @Test
    void aBearerRequestGetsNoCsrfCookie() {
        io.restassured.response.Response response = given().auth().oauth2(TestTokens.bearer()).when().get("/api/me");

        org.assertj.core.api.Assertions.assertThat(response.detailedCookie(CsrfProtection.COOKIE)).isNull();
    }

    @Test
    void anAccountWithoutAnEmailAddressCannotGetAnOrganization() {
        String noEmail = Jwt.subject(UUID.randomUUID().toString()).issuer(TestTokens.ISSUER).jws().keyId("1")
                .sign("privateKey.jwk");
        given().auth().oauth2(noEmail).when().get("/api/me")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("e-mail"));
    }

    @Test
    void anUnverifiedEmailAddressCannotClaimAnOrganization() {
        String unverified = Jwt.subject(UUID.randomUUID().toString()).issuer(TestTokens.ISSUER)
                .claim("email", "someone@example.com").claim("email_verified", false).jws().keyId("1")
                .sign("privateKey.jwk");
        given().auth().oauth2(unverified).when().get("/api/me")
                .then().statusCode(403).body("detail", containsString("not verified"));
    }
}
