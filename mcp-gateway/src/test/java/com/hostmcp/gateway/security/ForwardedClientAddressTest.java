package com.hostmcp.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.testing.RawHttp;
import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway behind a reverse proxy, as the Helm chart runs it: forwarded headers are believed from the trusted proxy
 * (here 127.0.0.1, standing in for the ingress controller) and from nobody else. Failed authentications are then
 * limited per client the proxy names, so that one client guessing keys does not lock out every other client behind
 * the same proxy, while a caller that is not the proxy cannot escape its own limit by naming another client.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ForwardedClientAddressTest.BehindTrustedProxy.class)
class ForwardedClientAddressTest {

    /** gateway.access.failed-authentications-per-source.capacity below. */
    private static final int FAILURES_ALLOWED = 3;
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"proxy-test","version":"1"}}}""";

    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // what the chart sets (QUARKUS_HTTP_PROXY_*), with the loopback proxy as the only trusted one; a small
            // allowance that does not refill during the test
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                    "gateway.access.failed-authentications-per-source.capacity", Integer.toString(FAILURES_ALLOWED),
                    "gateway.access.failed-authentications-per-source.refill-tokens", "1",
                    "gateway.access.failed-authentications-per-source.refill-period", "1h");
        }
    }

    @Test
    void behindATrustedProxyFailedAuthenticationsAreLimitedPerForwardedClient() throws Exception {
        InetAddress proxy = InetAddress.getByName("127.0.0.1");

        List<Integer> attacker = new ArrayList<>();
        for (int i = 0; i < FAILURES_ALLOWED + 2; i++) {
            attacker.add(initialize(proxy, "198.51.100.10", ApiKeyFormat.generate()).status());
        }
        RawHttp.Reply bystander = initialize(proxy, "198.51.100.11", ApiKeyFormat.generate());

        assertThat(attacker.subList(0, FAILURES_ALLOWED)).containsOnly(401);
        assertThat(attacker.subList(FAILURES_ALLOWED, attacker.size())).containsOnly(429);
        assertThat(bystander.status()).as("another client behind the same proxy keeps its own allowance: %s",
                bystander).isEqualTo(401);
    }

    @Test
    void forwardedHeadersFromAPeerThatIsNoTrustedProxyAreIgnored() throws Exception {
        // loopback too, but not the trusted 127.0.0.1: its X-Forwarded-For names a new client on every request
        InetAddress untrusted = InetAddress.getByName("127.0.0.71");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < FAILURES_ALLOWED + 2; i++) {
            statuses.add(initialize(untrusted, "203.0.113." + (i + 1), ApiKeyFormat.generate()).status());
        }

        assertThat(statuses.subList(0, FAILURES_ALLOWED)).containsOnly(401);
        assertThat(statuses.subList(FAILURES_ALLOWED, statuses.size()))
                .as("a spoofed X-Forwarded-For does not escape the peer's own limit").containsOnly(429);
    }

    @Test
    void aForwardedClientThatIsNoIpAddressIsStillLimitedNotAnError() throws Exception {
        // RFC 7239 allows "unknown" and obfuscated identifiers; the trusted proxy's word is still the client
        InetAddress proxy = InetAddress.getByName("127.0.0.1");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < FAILURES_ALLOWED + 1; i++) {
            statuses.add(initialize(proxy, "unknown", ApiKeyFormat.generate()).status());
        }
        RawHttp.Reply other = initialize(proxy, "_hidden-client", ApiKeyFormat.generate());

        assertThat(statuses.subList(0, FAILURES_ALLOWED)).containsOnly(401);
        assertThat(statuses.get(FAILURES_ALLOWED)).isEqualTo(429);
        assertThat(other.status()).isEqualTo(401);
    }

    private static RawHttp.Reply initialize(InetAddress peer, String forwardedFor, String key) {
        return RawHttp.exchange(peer, RawHttp.request("POST", "/mcp", List.of("Content-Type: application/json",
                "Accept: application/json, text/event-stream", "X-API-Key: " + key, "X-Forwarded-For: " + forwardedFor),
                INITIALIZE.getBytes(StandardCharsets.UTF_8)));
    }
}
