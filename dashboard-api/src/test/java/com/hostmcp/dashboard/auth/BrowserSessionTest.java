package com.hostmcp.dashboard.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.dashboard.TestTokens;
import com.hostmcp.rest.Problems;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * The browser's way in, end to end against the OIDC test server: the code flow with PKCE through /login, the encrypted
 * session cookie, the double-submit CSRF check on changes, and RP-initiated logout.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class BrowserSessionTest {

    private static final String TOKEN_PATH = "/auth/realms/quarkus/token";

    @OidcWireMock
    WireMockServer provider;

    @Test
    void loginSendsTheBrowserToTheProvidersAuthorizationEndpointWithAnS256CodeChallenge() {
        Response start = given().redirects().follow(false).when().get("/login");

        assertThat(start.statusCode()).isEqualTo(302);
        URI authorization = URI.create(start.header("Location"));
        assertThat(authorization.toString()).startsWith(provider.baseUrl() + "/auth/realms/quarkus");
        Map<String, String> query = query(authorization);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "dashboard")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "code_challenge");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("scope").split(" ")).contains("openid", "profile", "email");
        assertThat(query.get("redirect_uri")).endsWith("/login");
    }

    @Test
    void theCodeFlowEndsInAnHttpOnlyLaxSessionAndSendsTheBrowserToTheSpa() throws Exception {
        Session session = signIn();

        Cookie cookie = session.sessionCookie();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");
        // encrypted: a JWE (five parts, an "enc" header), not the signed ID token with its readable claims
        String[] parts = cookie.getValue().split("\\|")[0].split("\\.");
        assertThat(parts).hasSize(5);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).contains("\"enc\"");

        given().redirects().follow(false).cookies(session.cookies()).when().get("/login")
                .then().statusCode(303).header("Location", endsWith("/#/"));
    }

    @Test
    void theProviderGetsTheCodeVerifierWhoseHashIsTheChallengeSentBefore() throws Exception {
        Session session = signIn();

        LoggedRequest exchange = provider.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("code=" + session.code()))).get(0);
        String verifier = form(exchange.getBodyAsString()).get("code_verifier");
        assertThat(verifier).isNotBlank();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertThat(challenge).isEqualTo(session.challenge());
    }

    @Test
    void aSignedInSessionReachesTheApiAndReceivesTheCsrfCookie() throws Exception {
        Session session = signIn();

        Response me = given().cookies(session.cookies()).header("X-Requested-With", "JavaScript")
                .when().get("/api/me");

        // signed in: past authentication, the API asks tenant-service, which is not running in these tests
        assertThat(me.statusCode()).isEqualTo(503);
        Cookie csrf = me.detailedCookie(CsrfProtection.COOKIE);
        assertThat(csrf).isNotNull();
        assertThat(csrf.getValue()).matches("[A-Za-z0-9_-]{43}");
        assertThat(csrf.isHttpOnly()).isFalse();
        assertThat(csrf.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(csrf.getPath()).isEqualTo("/");
    }

    @Test
    void aSessionRequestThatChangesSomethingWithoutTheCsrfHeaderIsForbidden() throws Exception {
        Session session = signIn();
        String token = csrfToken(session);

        given().cookies(session.cookies()).cookie(CsrfProtection.COOKIE, token).contentType("application/json")
                .body("{\"name\":\"laptop\"}")
                .when().post("/api/keys")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/csrf")).body("status", equalTo(403)).body("instance", equalTo("/api/keys"));
    }

    @Test
    void aSessionRequestWithADifferentCsrfTokenIsForbidden() throws Exception {
        Session session = signIn();
        String token = csrfToken(session);

        given().cookies(session.cookies()).cookie(CsrfProtection.COOKIE, token)
                .header(CsrfProtection.HEADER, token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A'))
                .when().delete("/api/keys/" + UUID.randomUUID())
                .then().statusCode(403).body("type", endsWith("/csrf"));
    }

    @Test
    void aSessionRequestWithTheMatchingCsrfTokenPassesTheCheck() throws Exception {
        Session session = signIn();
        String token = csrfToken(session);

        given().cookies(session.cookies()).cookie(CsrfProtection.COOKIE, token).header(CsrfProtection.HEADER, token)
                .contentType("application/json").body("{\"name\":\"laptop\"}")
                .when().post("/api/keys")
                // past the CSRF check and authentication: tenant-service is not running in these tests
                .then().statusCode(503);
    }

    /**
     * A session that no longer holds (the provider forgot it, e.g. after a restart, or the cookie cannot be read): /login
     * must start a new sign-in, not answer 401 until the cookie expires, which would leave the user nowhere to go.
     */
    @Test
    void loginWithASessionThatNoLongerHoldsClearsItAndStartsSignInAgain() {
        Response stale = given().redirects().follow(false).cookie("q_session", "not-a-session-we-issued")
                .when().get("/login");

        assertThat(stale.statusCode()).as(stale.asString()).isEqualTo(303);
        assertThat(stale.header("Location")).endsWith("/login");
        Cookie cleared = stale.detailedCookie("q_session");
        assertThat(cleared).as("the stale session cookie is removed").isNotNull();
        assertThat(cleared.getValue()).isEmpty();
        assertThat(cleared.getMaxAge()).isZero();
        assertThat(cleared.getPath()).isEqualTo("/");

        Response again = given().redirects().follow(false).when().get(stale.header("Location"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.header("Location")).startsWith(provider.baseUrl() + "/auth/realms/quarkus");
    }

    @Test
    void anApiRequestWithASessionThatNoLongerHoldsIsA401ProblemNotARedirect() {
        given().redirects().follow(false).cookie("q_session", "not-a-session-we-issued")
                .when().get("/api/me")
                .then().statusCode(401).contentType(Problems.PROBLEM_JSON).header("Location", nullValue());
    }

    @Test
    void logoutEndsTheSessionAtTheProviderAndComesBackToTheSpa() throws Exception {
        Session session = signIn();

        Response logout = given().redirects().follow(false).cookies(session.cookies()).when().get("/logout");

        assertThat(logout.statusCode()).isEqualTo(302);
        URI endSession = URI.create(logout.header("Location"));
        assertThat(endSession.toString())
                .startsWith(provider.baseUrl() + "/auth/realms/quarkus/protocol/openid-connect/end-session");
        assertThat(query(endSession).get("post_logout_redirect_uri")).endsWith("/");
        assertThat(query(endSession)).containsKey("id_token_hint");
        Cookie cleared = logout.detailedCookie("q_session");
        assertThat(cleared).isNotNull();
        assertThat(cleared.getValue()).isEmpty();
    }

    /** The cookies of a browser that completed the code flow, and what the flow sent. */
    record Session(Map<String, String> cookies, Cookie sessionCookie, String code, String challenge) {
    }

    /**
     * Walks the code flow as a browser would: /login, the provider's redirect back with a code (the test server's login
     * page would do the same), and the code exchange, answered with an ID token of a new user.
     */
    private Session signIn() {
        String subject = UUID.randomUUID().toString();
        String code = UUID.randomUUID().toString();
        provider.stubFor(post(TOKEN_PATH).atPriority(1).withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"access_token\":\"" + TestTokens.bearer(subject)
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"" + UUID.randomUUID()
                        + "\",\"id_token\":\"" + TestTokens.idToken(subject, "dashboard") + "\"}")));

        Response start = given().redirects().follow(false).when().get("/login");
        Map<String, String> authorization = query(URI.create(start.header("Location")));
        Map<String, String> cookies = new HashMap<>(start.cookies());

        Response callback = given().redirects().follow(false).cookies(cookies)
                .queryParam("state", authorization.get("state")).queryParam("code", code)
                .when().get(authorization.get("redirect_uri"));
        assertThat(callback.statusCode()).as("code exchange").isEqualTo(302);
        assertThat(callback.header("Location")).endsWith("/login");
        Cookie session = callback.detailedCookie("q_session");
        assertThat(session).as("session cookie").isNotNull();
        Map<String, String> sessionCookies = new HashMap<>();
        callback.cookies().forEach((name, value) -> {
            if (!value.isEmpty()) {
                sessionCookies.put(name, value);
            }
        });
        return new Session(sessionCookies, session, code, authorization.get("code_challenge"));
    }

    private static String csrfToken(Session session) {
        return given().cookies(session.cookies()).when().get("/api/me").detailedCookie(CsrfProtection.COOKIE)
                .getValue();
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
