package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

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

    private static Response createKey(String owner, String keys) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner)
                .contentType(ContentType.JSON).body(Map.of("name", "during outage")).post(keys);
    }

    private static Response list(String owner, String keys) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner).get(keys);
    }
}
