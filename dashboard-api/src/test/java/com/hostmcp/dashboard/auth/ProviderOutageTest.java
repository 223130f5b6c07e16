package com.hostmcp.dashboard.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.dashboard.TestTokens;
import com.hostmcp.rest.Problems;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.logging.LogCapture;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * The OIDC provider down or unreachable is an outage: 503 with Retry-After, never a 500 or a stack trace, and sign-in
 * works again once it is back, without a restart. dashboard-api reaches the provider through a {@link ProviderGate}
 * that is closed when the application starts (connections refused, as with Keycloak stopped), opened later, and
 * closed again. The methods run in order because they follow one provider through that story.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ProviderOutageTest.ProviderBehindGate.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderOutageTest {

    /** The provider's address is the gate's (closed until a test opens it); the client's discovery follows it. */
    public static class ProviderBehindGate implements QuarkusTestProfile {

        private static final int PORT = ProviderGate.freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.quarkus.oidc.auth-server-url",
                    "http://127.0.0.1:" + PORT + ProviderGate.REALM_PATH);
        }
    }

    private static final String TOKEN_PATH = ProviderGate.REALM_PATH + "/token";
    private static final String OUTAGE_LOGGER = "com.hostmcp.dashboard.auth.ProviderOutage";

    private static ProviderGate gate;
    private static int gatePort;

    @OidcWireMock
    WireMockServer provider;

    @BeforeAll
    static void findTheGate() {
        gatePort = URI.create(ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class))
                .getPort();
        gate = new ProviderGate(gatePort);
    }

    @AfterAll
    static void closeTheGate() {
        gate.close();
    }

    @Test
    @Order(1)
    void whileTheProviderIsDownSignInAnswers503WithAShortPageAndRetryAfter() {
        Response login = given().redirects().follow(false).accept("text/html").when().get("/login");

        assertThat(login.statusCode()).isEqualTo(503);
        assertThat(login.header("Retry-After")).isEqualTo("5");
        assertThat(login.contentType()).startsWith("text/html");
        assertThat(login.header("Location")).isNull();
        assertThat(login.asString()).contains("Sign-in is temporarily unavailable").hasSizeLessThan(2_000);
        assertNoInternals(login);
    }

    @Test
    @Order(2)
    void whileTheProviderIsDownTheReturnFromTheProviderAndLogoutAre503Too() {
        Response callback = given().redirects().follow(false).accept("text/html")
                .queryParam("code", UUID.randomUUID()).queryParam("state", UUID.randomUUID()).when().get("/login");
        Response logout = given().redirects().follow(false).accept("text/html").when().get("/logout");

        for (Response response : new Response[] { callback, logout }) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertNoInternals(response);
        }
    }

    @Test
    @Order(3)
    void whileTheProviderIsDownAnApiRequestWithABearerTokenIsA503Problem() {
        Response me = given().auth().oauth2(TestTokens.bearer()).when().get("/api/me");

        assertProviderOutageProblem(me, "/api/me");
    }

    @Test
    @Order(4)
    void whileTheProviderIsDownAnApiRequestWithASessionCookieIsA503Problem() {
        Response keys = given().cookie("q_session", "forged.session.cookie.value.x")
                .header("X-Requested-With", "JavaScript").when().get("/api/keys");

        assertProviderOutageProblem(keys, "/api/keys");
    }

    @Test
    @Order(5)
    void whileTheProviderIsDownAnApiRequestWithoutCredentialsIsStill401() {
        // nothing to check with the provider: not signed in, whether or not it is up
        given().redirects().follow(false).when().get("/api/me")
                .then().statusCode(401).contentType(Problems.PROBLEM_JSON);
    }

    @Test
    @Order(6)
    void eachFailureIsOneWarningWithoutAStackTrace() {
        try (LogCapture log = new LogCapture(Level.WARNING)) {
            given().accept("text/html").when().get("/login").then().statusCode(503);
            given().auth().oauth2(TestTokens.bearer()).when().get("/api/me").then().statusCode(503);

            assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                    .startsWith("WARN " + OUTAGE_LOGGER + " Answered 503 to GET /")
                    .contains("is unavailable").doesNotContain("\n"));
        }
    }

    @Test
    @Order(7)
    void whenTheProviderIsBackSignInWorksWithoutARestart() {
        gate.open(provider.baseUrl());

        Response start = given().redirects().follow(false).when().get("/login");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.header("Location")).startsWith("http://127.0.0.1:" + gatePort + ProviderGate.REALM_PATH);

        Map<String, String> session = signIn(Duration.ofMinutes(5), UUID.randomUUID().toString());
        // past authentication: the API asks tenant-service, which is not running in these tests
        Response me = given().cookies(session).header("X-Requested-With", "JavaScript").when().get("/api/me");
        assertThat(me.statusCode()).isEqualTo(503);
        assertThat(me.jsonPath().getString("detail")).isNotEqualTo(Problems.TEMPORARILY_UNAVAILABLE)
                .contains("platform service");
    }

    @Test
    @Order(8)
    void aCodeExchangeThatCannotReachTheProviderIs503NotASignInFailure() {
        gate.open(provider.baseUrl());
        Response start = given().redirects().follow(false).when().get("/login");
        Map<String, String> authorization = query(URI.create(start.header("Location")));
        gate.close();

        Response callback;
        try (LogCapture log = new LogCapture(Level.WARNING)) {
            callback = given().redirects().follow(false).accept("text/html").cookies(start.cookies())
                    .queryParam("state", authorization.get("state")).queryParam("code", UUID.randomUUID())
                    .when().get("/login");

            // quarkus-oidc's own one-line error about the failed exchange stays; no stack trace
            assertThat(log.lines()).noneMatch(line -> line.contains("\n"))
                    .filteredOn(line -> line.startsWith("WARN " + OUTAGE_LOGGER)).hasSize(1);
        }

        assertThat(callback.statusCode()).isEqualTo(503);
        assertThat(callback.header("Retry-After")).isEqualTo("5");
        assertThat(callback.contentType()).startsWith("text/html");
        assertNoInternals(callback);
    }

    @Test
    @Order(9)
    void aSessionWhoseRefreshCannotReachTheProviderIs503AndStillHoldsOnceItIsBack() throws InterruptedException {
        gate.open(provider.baseUrl());
        String refreshToken = UUID.randomUUID().toString();
        Map<String, String> session = signIn(Duration.ofSeconds(2), refreshToken);
        gate.close();
        Thread.sleep(3_000);

        Response expired;
        try (LogCapture log = new LogCapture(Level.WARNING)) {
            expired = given().cookies(session).header("X-Requested-With", "JavaScript").when().get("/api/me");

            assertThat(log.lines()).singleElement().asString().startsWith("WARN " + OUTAGE_LOGGER)
                    .doesNotContain("\n");
        }

        assertProviderOutageProblem(expired, "/api/me");
        assertThat(expired.detailedCookie("q_session")).as("the session is kept").isNull();

        gate.open(provider.baseUrl());
        String subject = UUID.randomUUID().toString();
        provider.stubFor(post(TOKEN_PATH).atPriority(1).withRequestBody(containing("refresh_token=" + refreshToken))
                .willReturn(okJson(tokens(subject, Duration.ofMinutes(5), UUID.randomUUID().toString()))));
        Response refreshed = given().cookies(session).header("X-Requested-With", "JavaScript").when().get("/api/me");
        // refreshed and past authentication: the API asks tenant-service, which is not running in these tests
        assertThat(refreshed.statusCode()).isEqualTo(503);
        assertThat(refreshed.jsonPath().getString("detail")).contains("platform service");
        assertThat(refreshed.detailedCookie("q_session")).as("a renewed session").isNotNull();
    }

    private static void assertProviderOutageProblem(Response response, String path) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.jsonPath().getString("title")).isEqualTo("Service unavailable");
        assertThat(response.jsonPath().getString("detail")).isEqualTo(Problems.TEMPORARILY_UNAVAILABLE);
        assertThat(response.jsonPath().getString("instance")).isEqualTo(path);
        assertNoInternals(response);
    }

    /** Neither the provider's address nor an exception, a class or a stack trace. */
    private static void assertNoInternals(Response response) {
        assertThat(response.asString()).doesNotContain(String.valueOf(gatePort), "127.0.0.1", "localhost", "realms",
                "Exception", "OIDC", "oidc", "quarkus", "Connection refused", "\tat ");
        assertThat(response.headers().toString()).doesNotContain(String.valueOf(gatePort));
    }

    /**
     * A browser's code flow through the gate: /login, the provider's redirect back with a code, and the code exchange,
     * answered with an ID token of a new user that expires after {@code lifetime}.
     */
    private Map<String, String> signIn(Duration lifetime, String refreshToken) {
        String code = UUID.randomUUID().toString();
        provider.stubFor(post(TOKEN_PATH).atPriority(1).withRequestBody(containing("code=" + code))
                .willReturn(okJson(tokens(UUID.randomUUID().toString(), lifetime, refreshToken))));

        Response start = given().redirects().follow(false).when().get("/login");
        Map<String, String> authorization = query(URI.create(start.header("Location")));
        Response callback = given().redirects().follow(false).cookies(start.cookies())
                .queryParam("state", authorization.get("state")).queryParam("code", code)
                .when().get(authorization.get("redirect_uri"));
        assertThat(callback.statusCode()).as("code exchange").isEqualTo(302);
        Map<String, String> cookies = new HashMap<>();
        callback.cookies().forEach((name, value) -> {
            if (!value.isEmpty()) {
                cookies.put(name, value);
            }
        });
        assertThat(cookies).containsKey("q_session");
        return cookies;
    }

    private static String tokens(String subject, Duration lifetime, String refreshToken) {
        long now = System.currentTimeMillis() / 1000;
        String idToken = Jwt.subject(subject).issuer(TestTokens.ISSUER).audience("dashboard")
                .claim("email", "browser-" + subject.substring(0, 8) + "@example.com").claim("email_verified", true)
                .issuedAt(now).expiresAt(now + lifetime.toSeconds()).jws().keyId("1").sign("privateKey.jwk");
        return "{\"access_token\":\"" + TestTokens.bearer(subject) + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + lifetime.toSeconds() + ",\"refresh_token\":\"" + refreshToken + "\",\"id_token\":\"" + idToken + "\"}";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
