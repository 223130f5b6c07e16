package com.hostmcp.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** /q/openapi documents the API the SPA and programmatic clients use. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class ApiDocumentationTest {

    @Test
    void theOpenApiDocumentListsEveryApiPathAndNoSignInPage() {
        Map<String, Object> paths = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");

        assertThat(paths).containsKeys("/api/me", "/api/organization", "/api/members", "/api/members/{memberId}",
                "/api/hostaway-connection", "/api/hostaway-connection/test", "/api/keys", "/api/keys/{keyId}",
                "/api/keys/{keyId}/regenerate", "/api/usage", "/api/usage/daily", "/api/billing",
                "/api/billing/checkout", "/api/billing/portal", "/api/billing/cancel", "/api/billing/resume",
                "/api/billing/invoices", "/api/sync-requests", "/api/sync-requests/{requestId}", "/api/sync-runs",
                "/api/audit-log");
        assertThat(paths).doesNotContainKey("/login");
    }
}
