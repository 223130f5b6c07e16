package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.rest.Problems;
import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.postgres.TestDatabase;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The database unavailable (connections refused, open ones terminated, as in a restart): reads and writes answer 503
 * with Retry-After, as any other outage of a dependency, not 500; once it is back they succeed again without a
 * restart.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    OrganizationService organizations;

    @Test
    void aDatabaseOutageIsA503WithRetryAfterAndWritesSucceedOnceItIsBack() {
        String owner = "owner-" + UUID.randomUUID();
        UUID organizationId = organizations.createOrGet(owner, owner + "@example.com", "Outage Test").await()
                .atMost(WAIT).organization().id();
        String keys = "/internal/organizations/" + organizationId + "/api-keys";

        try (TestDatabase.Outage outage = TestDatabase.get().outage()) {
            for (Response response : new Response[] { createKey(owner, keys), list(owner, keys) }) {
                assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(503);
                assertThat(response.contentType()).startsWith(Problems.PROBLEM_JSON);
                assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
                assertThat(response.body().asString()).contains("temporarily unavailable")
                        .doesNotContain("Exception").doesNotContain("hostmcp_test_").doesNotContain("at io.");
            }
        }

        await().atMost(WAIT).until(() -> createKey(owner, keys).statusCode() == 201);
        assertThat(list(owner, keys).statusCode()).isEqualTo(200);
    }

    /**
     * Writes in flight when the database goes away (their connection terminated mid-transaction, the pool reconnecting
     * while connections are refused) must be a 503 too: any of the shapes such a failure takes, never a 500.
     */
    @Test
    void writesInFlightWhenTheDatabaseGoesAwayAreNever500() throws Exception {
        int writers = 4;
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String owner = "owner-" + UUID.randomUUID();
            UUID organizationId = organizations.createOrGet(owner, owner + "@example.com", "Outage Test").await()
                    .atMost(WAIT).organization().id();
            String keys = "/internal/organizations/" + organizationId + "/api-keys";
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    // create then revoke, so the organization never reaches its limit of active keys
                    Response created = createKey(owner, keys);
                    record(created, statuses, unexpected);
                    if (created.statusCode() == 201) {
                        String id = created.jsonPath().getString("id");
                        Response revoked;
                        do {
                            revoked = given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner)
                                    .delete(keys + "/" + id);
                            record(revoked, statuses, unexpected);
                        } while (revoked.statusCode() == 503 && running.get());
                    }
                }
            }, "outage-writer-" + i);
            threads.add(thread);
            thread.start();
        }
        try {
            for (int outage = 0; outage < 3; outage++) {
                Thread.sleep(1_500);
                try (TestDatabase.Outage down = TestDatabase.get().outage()) {
                    Thread.sleep(1_500);
                }
            }
            Thread.sleep(3_000);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(WAIT.toMillis());
            }
        }
        assertThat(unexpected).as("answers other than 201, 204 or 503 with Retry-After (of %d)", statuses.size())
                .isEmpty();
        assertThat(statuses).as("writes met the outage").contains(503).as("writes succeeded").contains(201, 204);
    }

    private static void record(Response response, List<Integer> statuses, List<String> unexpected) {
        statuses.add(response.statusCode());
        boolean retryable = response.statusCode() == 503 && response.header("Retry-After") != null;
        if (!retryable && response.statusCode() != 201 && response.statusCode() != 204) {
            unexpected.add(response.statusCode() + " " + response.body().asString());
        }
    }

    private static Response createKey(String owner, String keys) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner)
                .contentType(ContentType.JSON).body(Map.of("name", "during outage")).post(keys);
    }

    private static Response list(String owner, String keys) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner).get(keys);
    }
}
