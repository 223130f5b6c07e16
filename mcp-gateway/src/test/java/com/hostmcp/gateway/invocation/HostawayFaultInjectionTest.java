package com.hostmcp.gateway.invocation;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostaway failing in each way the stand-in can fail (429, 500, answers slower than the timeout, bodies that are not
 * JSON), seen through the tools: the tool error the model gets, how many requests Hostaway received (retries stay
 * within gateway.hostaway.retry.max-retries = 3), and the account's circuit breaker opening and closing again
 * (%test: opens after 4 calls with half of them failing, closes after 3 s and two successful trial calls). Each test
 * has a Hostaway account of its own.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class HostawayFaultInjectionTest {

    /** One attempt and three retries. */
    private static final int ATTEMPTS = 4;
    /** The first call of an account asks for its token first. */
    private static final int TOKEN_REQUEST = 1;
    /** %test.gateway.hostaway.request-timeout */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    MeterRegistry registry;

    @Test
    void oneTransient429IsRetriedAwayAndPersistent429sEndRateLimitedAfterFourAttempts() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            warmUp(client, tenant);

            standIn().failNext(tenant.accountId(), 1, 429);
            int before = standIn().requestCount(tenant.accountId());
            CallToolResult retried = getListing(client, tenant);
            int retriedRequests = standIn().requestCount(tenant.accountId()) - before;

            standIn().failNext(tenant.accountId(), 100, 429);
            before = standIn().requestCount(tenant.accountId());
            CallToolResult limited = getListing(client, tenant);
            int limitedRequests = standIn().requestCount(tenant.accountId()) - before;
            standIn().failNext(tenant.accountId(), 0, 429);

            assertThat(isError(retried)).as(text(retried)).isFalse();
            assertThat(retriedRequests).isEqualTo(2);
            assertThat(errorType(limited)).isEqualTo("rate_limited");
            assertThat(text(limited)).containsPattern("Retry after [1-9][0-9]* s").contains("What to do:");
            assertThat(limitedRequests).isEqualTo(ATTEMPTS);
        }
    }

    @Test
    void persistent500sEndAsAnUpstreamErrorOpenTheCircuitAndItClosesOnceHostawayRecovers() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.SSE, tenant.apiKey())) {
            // no call before: an earlier success in the circuit's window of 4 would open it before the last retry
            double opensBefore = registry.counter("hostmcp.hostaway.circuit-breaker.opens").count();

            standIn().failNext(tenant.accountId(), 1_000, 500);
            int before = standIn().requestCount(tenant.accountId());
            CallToolResult failed = getListing(client, tenant);
            int failedRequests = standIn().requestCount(tenant.accountId()) - before;
            before = standIn().requestCount(tenant.accountId());
            CallToolResult paused = getListing(client, tenant);
            int pausedRequests = standIn().requestCount(tenant.accountId()) - before;

            assertThat(errorType(failed)).as(text(failed)).isEqualTo("upstream");
            assertThat(text(failed)).contains("Hostaway answered 500");
            assertThat(failedRequests).isEqualTo(TOKEN_REQUEST + ATTEMPTS);
            assertThat(errorType(paused)).isEqualTo("upstream");
            assertThat(text(paused)).contains("calls are paused").containsPattern("Retry after [1-9][0-9]* s");
            assertThat(pausedRequests).as("an open circuit sends nothing").isZero();
            assertThat(registry.counter("hostmcp.hostaway.circuit-breaker.opens").count()).isGreaterThan(opensBefore);

            // Hostaway recovers: after the circuit's delay a trial call goes through, and two successes close it
            standIn().failNext(tenant.accountId(), 0, 500);
            long recovering = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !isError(getListing(client, tenant)));
            assertThat(Duration.ofNanos(System.nanoTime() - recovering)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(isError(getListing(client, tenant))).isFalse();

            // closed again: a single 500 is retried, as on a healthy account
            standIn().failNext(tenant.accountId(), 1, 500);
            before = standIn().requestCount(tenant.accountId());
            CallToolResult afterRecovery = getListing(client, tenant);
            assertThat(isError(afterRecovery)).as(text(afterRecovery)).isFalse();
            assertThat(standIn().requestCount(tenant.accountId()) - before).isEqualTo(2);
        }
    }

    @Test
    void answersSlowerThanTheTimeoutEndAsATimeoutErrorAfterFourBoundedAttempts() {
        TestTenant tenant = TestTenants.withOwnAccount(1);
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            // no call before, as above: all four attempts fail, the fourth opens the circuit
            standIn().delayNext(tenant.accountId(), 100, TIMEOUT.plusSeconds(2));
            int before = standIn().requestCount(tenant.accountId());
            long started = System.nanoTime();
            CallToolResult timedOut = getListing(client, tenant);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int timedOutRequests = standIn().requestCount(tenant.accountId()) - before;
            started = System.nanoTime();
            CallToolResult paused = getListing(client, tenant);
            Duration pausedTook = Duration.ofNanos(System.nanoTime() - started);
            standIn().delayNext(tenant.accountId(), 0, Duration.ZERO);

            assertThat(errorType(timedOut)).as(text(timedOut)).isEqualTo("timeout");
            assertThat(text(timedOut)).contains("did not answer within 3000 ms").contains("What to do:");
            assertThat(timedOutRequests).isEqualTo(TOKEN_REQUEST + ATTEMPTS);
            assertThat(took).as("four attempts of at most the timeout each, plus backoff")
                    .isBetween(TIMEOUT.multipliedBy(ATTEMPTS), TIMEOUT.multipliedBy(ATTEMPTS).plusSeconds(8));
            assertThat(errorType(paused)).as("timeouts count against the circuit").isEqualTo("upstream");
            assertThat(pausedTook).isLessThan(TIMEOUT);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsAnUpstreamErrorAndIsNotRequestedAgain() {
        TestTenant tenant = TestTenants.withOwnAccount(2);
        try (McpSyncClient client = McpClients.connect(Transport.SSE, tenant.apiKey())) {
            warmUp(client, tenant);

            standIn().malformNext(tenant.accountId(), 1);
            int before = standIn().requestCount(tenant.accountId());
            CallToolResult object = getListing(client, tenant);
            int objectRequests = standIn().requestCount(tenant.accountId()) - before;
            standIn().malformNext(tenant.accountId(), 1);
            before = standIn().requestCount(tenant.accountId());
            CallToolResult page = call(client, "list_listings", Map.of());
            int pageRequests = standIn().requestCount(tenant.accountId()) - before;

            assertThat(errorType(object)).as(text(object)).isEqualTo("upstream");
            assertThat(text(object)).contains("Hostaway answered without a JSON envelope").contains("What to do:");
            assertThat(errorType(page)).as(text(page)).isEqualTo("upstream");
            assertThat(objectRequests).isEqualTo(1);
            assertThat(pageRequests).isEqualTo(1);
            assertThat(isError(getListing(client, tenant))).as("the next answer is fine").isFalse();
        }
    }

    /** A first successful call, so that the account's token is there and later counts are API requests only. */
    private static void warmUp(McpSyncClient client, TestTenant tenant) {
        CallToolResult first = getListing(client, tenant);
        assertThat(isError(first)).as(text(first)).isFalse();
    }

    private static CallToolResult getListing(McpSyncClient client, TestTenant tenant) {
        return call(client, "get_listing", Map.of("listingId", tenant.accountId() * 10_000 + 1));
    }

    private static HostawayStandIn standIn() {
        return HostawayStandInResource.standIn();
    }
}
