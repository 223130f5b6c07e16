package com.hostmcp.sync.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.rest.Problems;
import com.hostmcp.sync.SyncFixtures;
import com.hostmcp.sync.SyncFixtures.StoredRun;
import com.hostmcp.sync.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** The internal run API: who may call it, what it answers, and what it refuses. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class SyncRunsResourceTest {

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    SyncFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new SyncFixtures(pool, mapper);
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @Test
    void theHistoryListsRunsNewestFirstAndEachRunIsFoundByIdAndByRequest() {
        UUID organizationId = fixtures.longConnectedOrganization(SyncFixtures.newAccount(3, 1));
        UUID firstRequest = UUID.randomUUID();
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, fixtures.syncRequested(organizationId, firstRequest));
        fixtures.awaitFinishedRuns(organizationId, 1);
        UUID secondRequest = UUID.randomUUID();
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId,
                fixtures.syncRequested(organizationId, secondRequest));
        StoredRun second = fixtures.awaitFinishedRuns(organizationId, 2).get(1);
        String base = "/internal/organizations/" + organizationId;

        given().auth().oauth2(TestTokens.serviceToken()).get(base + "/sync-runs").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].runId", equalTo(second.runId().toString()))
                .body("[0].requestIds[0]", equalTo(secondRequest.toString()))
                .body("[1].requestIds[0]", equalTo(firstRequest.toString()));
        given().auth().oauth2(TestTokens.serviceToken()).queryParam("limit", 1).get(base + "/sync-runs").then()
                .statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(TestTokens.serviceToken()).get(base + "/sync-runs/" + second.runId()).then()
                .statusCode(200).body("organizationId", equalTo(organizationId.toString()))
                .body("trigger", equalTo("ON_DEMAND")).body("status", equalTo("FINISHED"))
                .body("outcome", equalTo("SUCCEEDED")).body("activeListings", equalTo(2))
                .body("totalListings", equalTo(3));
        given().auth().oauth2(TestTokens.serviceToken()).get(base + "/sync-requests/" + secondRequest).then()
                .statusCode(200).body("runId", equalTo(second.runId().toString()));
    }

    @Test
    void aRunOfAnotherOrganizationOrAnUnknownRequestIsNotFound() {
        UUID organizationId = fixtures.longConnectedOrganization(SyncFixtures.newAccount(2, 0));
        UUID requestId = UUID.randomUUID();
        fixtures.send(SyncFixtures.REQUESTS_TOPIC, organizationId, fixtures.syncRequested(organizationId, requestId));
        StoredRun run = fixtures.awaitFinishedRuns(organizationId, 1).get(0);
        String other = "/internal/organizations/" + UUID.randomUUID();

        given().auth().oauth2(TestTokens.serviceToken()).get(other + "/sync-runs/" + run.runId()).then()
                .statusCode(404).contentType(Problems.PROBLEM_JSON).body("status", equalTo(404));
        given().auth().oauth2(TestTokens.serviceToken()).get(other + "/sync-requests/" + requestId).then()
                .statusCode(404).contentType(Problems.PROBLEM_JSON);
        given().auth().oauth2(TestTokens.serviceToken()).get(other + "/sync-runs").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void malformedIdsAndLimitsAreBadRequestsNamingTheParameter() {
        String base = "/internal/organizations/" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.serviceToken()).get("/internal/organizations/not-a-uuid/sync-runs").then()
                .statusCode(400).contentType(Problems.PROBLEM_JSON)
                .body("errors[0].field", equalTo("organizationId")).body("errors[0].message", equalTo("must be a UUID"));
        given().auth().oauth2(TestTokens.serviceToken()).get(base + "/sync-runs/123").then().statusCode(400)
                .body("errors[0].field", equalTo("runId"));
        given().auth().oauth2(TestTokens.serviceToken()).get(base + "/sync-requests/x").then().statusCode(400)
                .body("errors[0].field", equalTo("requestId"));
        for (String limit : new String[] { "0", "101" }) {
            given().auth().oauth2(TestTokens.serviceToken()).queryParam("limit", limit).get(base + "/sync-runs")
                    .then().statusCode(400).contentType(Problems.PROBLEM_JSON)
                    .body("errors[0].field", equalTo("limit"));
        }
        String body = given().auth().oauth2(TestTokens.serviceToken()).queryParam("limit", "many")
                .get(base + "/sync-runs").then().statusCode(400).contentType(Problems.PROBLEM_JSON).extract()
                .asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void callersNeedABearerTokenWithTheSyncApiRole() {
        String path = "/internal/organizations/" + UUID.randomUUID() + "/sync-runs";
        given().get(path).then().statusCode(401);
        given().auth().oauth2("not-a-token").get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenWithoutRole()).get(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.serviceToken()).get(path).then().statusCode(200);
    }
}
