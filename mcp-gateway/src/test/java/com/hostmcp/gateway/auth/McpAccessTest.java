package com.hostmcp.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class McpAccessTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"access-test","version":"1"}}}""";

    @Test
    void withoutAKeyStreamableHttpAnswers401WithWwwAuthenticateAndWhatToDo() {
        post(null).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"hostmcp\""))
                .contentType("application/json")
                .body("error", equalTo("missing_api_key"))
                .body("remediation", containsString("X-API-Key"))
                .body("remediation", containsString("/keys"));
    }

    @Test
    void withoutAKeyTheSseTransportAnswers401() throws Exception {
        HttpResponse<String> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(McpClients.baseUrl() + "/mcp/sse")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sse.statusCode()).isEqualTo(401);
        assertThat(sse.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hostmcp\"");
        assertThat(sse.body()).contains("missing_api_key");

        HttpResponse<String> message = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(McpClients.baseUrl() + "/mcp/messages/some-connection")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(message.statusCode()).isEqualTo(401);
    }

    @Test
    void aMalformedOrUnknownKeyIsRefusedAsInvalidInEitherHeader() {
        String wellFormedButUnknown = ApiKeyFormat.generate();
        String badChecksum = wellFormedButUnknown.substring(0, wellFormedButUnknown.length() - 1)
                + (wellFormedButUnknown.endsWith("0") ? "1" : "0");
        for (String key : List.of(wellFormedButUnknown, badChecksum, "sk_live_not_ours", "hmcp_short")) {
            given().header("X-API-Key", key).contentType("application/json").accept("application/json, text/event-stream")
                    .body(INITIALIZE).post("/mcp").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                    .body("error", equalTo("invalid_api_key"));
            given().header("Authorization", "Bearer " + key).contentType("application/json")
                    .accept("application/json, text/event-stream").body(INITIALIZE).post("/mcp").then()
                    .statusCode(401).body("error", equalTo("invalid_api_key"));
        }
    }

    @Test
    void aValidKeyInitializesOverStreamableHttpWithEitherHeader() {
        TestTenant tenant = TestTenants.connected(HostawaySeedAccounts.SMALL_ACCOUNT_ID,
                HostawaySeedAccounts.SMALL_SECRET);

        post(tenant.apiKey()).then().statusCode(200).header("Mcp-Session-Id", org.hamcrest.Matchers.notNullValue());
        given().header("Authorization", "Bearer " + tenant.apiKey()).contentType("application/json")
                .accept("application/json, text/event-stream").body(INITIALIZE).post("/mcp").then().statusCode(200);
    }

    @Test
    void aForeignBrowserOriginIsRefusedWith403EvenWithAValidKey() {
        TestTenant tenant = TestTenants.connected(HostawaySeedAccounts.SMALL_ACCOUNT_ID,
                HostawaySeedAccounts.SMALL_SECRET);

        // refused by the CORS filter or, for an origin it lets through, by McpAccessFilter: 403 either way
        given().header("X-API-Key", tenant.apiKey()).header("Origin", "https://evil.example")
                .contentType("application/json").accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp").then().statusCode(403);
        given().header("X-API-Key", tenant.apiKey()).header("Origin", "https://claude.ai")
                .contentType("application/json").accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp").then().statusCode(200);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIsA400() {
        TestTenant tenant = TestTenants.connected(HostawaySeedAccounts.SMALL_ACCOUNT_ID,
                HostawaySeedAccounts.SMALL_SECRET);
        String session = post(tenant.apiKey()).then().statusCode(200).extract().header("Mcp-Session-Id");

        given().header("X-API-Key", tenant.apiKey()).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "1999-01-01").contentType("application/json")
                .accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").post("/mcp").then().statusCode(400);
    }

    @Test
    void beyondTheKeysBurstRequestsGet429WithRetryAfter() {
        TestTenant tenant = TestTenants.connected(HostawaySeedAccounts.SMALL_ACCOUNT_ID,
                HostawaySeedAccounts.SMALL_SECRET);
        // the per-key bucket holds 60 with 20/s refill: 200 requests in flight at once exceed it however slow the
        // machine is (a client sending one after the other might stay below the refill rate)
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(McpClients.baseUrl() + "/mcp"))
                    .timeout(Duration.ofSeconds(60)).header("X-API-Key", tenant.apiKey())
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = sent.stream().map(CompletableFuture::join).toList();

        HttpResponse<String> limited = responses.stream().filter(response -> response.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no request was rate limited"));
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 5);
        assertThat(limited.body()).contains("\"error\":\"rate_limited\"");
        assertThat(responses.stream().filter(response -> response.statusCode() == 200).count())
                .as("the burst itself is served").isGreaterThanOrEqualTo(60);
    }

    private static Response post(String apiKey) {
        var request = given().contentType("application/json").accept("application/json, text/event-stream");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return request.body(INITIALIZE).post("/mcp");
    }
}
