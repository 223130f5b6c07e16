package com.hostmcp.gateway.security;

import static com.hostmcp.gateway.testing.Bodies.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.gateway.testing.McpHttp;
import com.hostmcp.gateway.testing.McpSse;
import com.hostmcp.gateway.testing.RawHttp;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Keys that are not valid, keys that stopped being valid, guessing keys in bulk, and one organization's key used on
 * another organization's MCP session. Each test sends from loopback addresses of its own (127.0.0.0/8 is all local),
 * because failed authentications are limited per source address.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class AuthenticationAbuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"abuse-test","version":"1"}}}""";
    /** gateway.access.failed-authentications-per-source.capacity */
    private static final int FAILURES_ALLOWED = 20;

    @Inject
    MeterRegistry registry;

    @Test
    void randomMalformedAndNeverIssuedKeysGetTheSame401OnBothTransports() throws Exception {
        String wellFormed = ApiKeyFormat.generate();
        List<String> keys = List.of(UUID.randomUUID().toString(), "hmcp_" + randomText(40), wellFormed,
                wellFormed.substring(0, wellFormed.length() - 1) + (wellFormed.endsWith("A") ? "B" : "A"),
                "' OR '1'='1", "../../admin", "{\"$gt\":\"\"}", "hmcp_" + "a".repeat(300), " ");
        InetAddress source = InetAddress.getByName("127.0.0.41");
        Set<String> bodies = new HashSet<>();
        for (String key : keys) {
            RawHttp.Reply streamable = RawHttp.exchange(source, RawHttp.request("POST", "/mcp", List.of(
                    "Content-Type: application/json", "Accept: application/json, text/event-stream",
                    "X-API-Key: " + key), INITIALIZE.getBytes(StandardCharsets.UTF_8)));
            RawHttp.Reply sse = RawHttp.exchange(source, RawHttp.request("GET", "/mcp/sse",
                    List.of("Authorization: Bearer " + key), null));
            for (RawHttp.Reply reply : List.of(streamable, sse)) {
                assertThat(reply.status()).as("key %s: %s", key, reply).isEqualTo(401);
                assertNoInternals(key, reply.toString());
                if (!key.isBlank()) {
                    assertThat(reply.body()).as("the key is not echoed").doesNotContain(key);
                }
                bodies.add(JSON.readTree(reply.body()).path("error").asText());
            }
        }
        // a blank key counts as none; every key sent is "invalid" in the same words, whatever is wrong with it
        assertThat(bodies).containsExactlyInAnyOrder("invalid_api_key", "missing_api_key");
    }

    @Test
    void aRevokedKeyIsRefusedOnBothTransportsEvenInsideItsOpenSessions() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        McpHttp.Session session = McpHttp.open(tenant.apiKey());
        try (McpSse sse = McpSse.open(tenant.apiKey())) {
            TestTenants.revokeKey(tenant);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> session.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").status() == 401);
            McpHttp.Answer streamable = session.post(call("list_listings", "{}"));
            McpHttp.Answer overSse = sse.post(call("list_listings", "{}"));

            assertThat(streamable.status()).isEqualTo(401);
            assertThat(streamable.body()).contains("invalid_api_key");
            assertThat(overSse.status()).isEqualTo(401);
            assertThat(sse.nextMessage(Duration.ofSeconds(2))).as("nothing is answered on the stream").isNull();
        }
    }

    @Test
    void aBurstOfInvalidKeysFromOneAddressIsRateLimitedThereWithoutTellingValidKeysApart() throws Exception {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        InetAddress attacker = InetAddress.getByName("127.0.0.42");
        InetAddress bystander = InetAddress.getByName("127.0.0.43");
        double limitedBefore = registry.counter("hostmcp.mcp.auth.refusals", "reason", "source_limited").count();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < FAILURES_ALLOWED + 10; i++) {
            statuses.add(initialize(attacker, ApiKeyFormat.generate()).status());
        }
        RawHttp.Reply guessedRight = initialize(attacker, tenant.apiKey());
        RawHttp.Reply sameKeyElsewhere = initialize(bystander, tenant.apiKey());
        RawHttp.Reply invalidElsewhere = initialize(bystander, ApiKeyFormat.generate());

        assertThat(statuses.subList(0, FAILURES_ALLOWED)).containsOnly(401);
        assertThat(statuses.subList(FAILURES_ALLOWED, statuses.size())).containsOnly(429);
        assertThat(guessedRight.status()).as("a valid key from that address looks like any other: no oracle")
                .isEqualTo(429);
        JsonNode refusal = JSON.readTree(guessedRight.body());
        assertThat(refusal.path("error").asText()).isEqualTo("too_many_failed_authentications");
        assertThat(Integer.parseInt(guessedRight.header("Retry-After").orElseThrow())).isBetween(1, 60);
        assertNoInternals("429", guessedRight.toString());
        assertThat(sameKeyElsewhere.status()).as("other addresses are not affected").isEqualTo(200);
        assertThat(invalidElsewhere.status()).isEqualTo(401);
        assertThat(registry.counter("hostmcp.mcp.auth.refusals", "reason", "source_limited").count())
                .isGreaterThanOrEqualTo(limitedBefore + 11);
    }

    @Test
    void anotherOrganizationsKeyCannotUseOrEndAStreamableHttpSession() {
        TestTenant owner = TestTenants.withOwnAccount(1);
        TestTenant intruder = TestTenants.withOwnAccount(1);
        McpHttp.Session session = McpHttp.open(owner.apiKey());

        McpHttp.Answer used = McpHttp.post(intruder.apiKey(), session.id(), call("list_listings", "{}"));
        int ended = McpHttp.delete(intruder.apiKey(), session.id());

        assertThat(used.status()).isEqualTo(404);
        assertThat(used.body()).contains("session_not_found").doesNotContain(owner.organizationId().toString());
        assertThat(ended).isEqualTo(404);
        JsonNode mine = session.callTool("list_listings", JSON.createObjectNode());
        assertThat(mine.at("/result/isError").asBoolean()).isFalse();
        assertThat(mine.at("/result/structuredContent/items/0/id").asLong() / 10_000).isEqualTo(owner.accountId());
        // the intruder's own sessions work as usual
        assertThat(McpHttp.open(intruder.apiKey()).callTool("list_listings", JSON.createObjectNode())
                .at("/result/isError").asBoolean()).isFalse();
    }

    @Test
    void anotherOrganizationsKeyCannotPostIntoAnSseSessionsStream() {
        TestTenant owner = TestTenants.withOwnAccount(1);
        TestTenant intruder = TestTenants.withOwnAccount(1);
        try (McpSse sse = McpSse.open(owner.apiKey())) {
            McpHttp.Answer injected = sse.post(intruder.apiKey(), call("list_listings", "{}"));

            assertThat(injected.status()).isEqualTo(404);
            assertThat(sse.nextMessage(Duration.ofSeconds(2))).as("nothing reached the owner's stream").isNull();
            assertThat(sse.post(call("list_listings", "{}")).status() / 100).isEqualTo(2);
            JsonNode own = sse.nextMessage(Duration.ofSeconds(10));
            assertThat(own.at("/result/structuredContent/items/0/id").asLong() / 10_000).isEqualTo(owner.accountId());
        }
    }

    private static RawHttp.Reply initialize(InetAddress source, String key) {
        return RawHttp.exchange(source, RawHttp.request("POST", "/mcp", List.of("Content-Type: application/json",
                "Accept: application/json, text/event-stream", "X-API-Key: " + key),
                INITIALIZE.getBytes(StandardCharsets.UTF_8)));
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String call(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }
}
