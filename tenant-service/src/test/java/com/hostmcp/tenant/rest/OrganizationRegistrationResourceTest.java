package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.hostmcp.tenant.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class OrganizationRegistrationResourceTest {

    @Test
    void firstCallCreatesTheOrganizationAndTheSecondReturnsTheSameOne() {
        String subject = "user-" + UUID.randomUUID();
        Map<String, String> body = Map.of("subject", subject, "email", "Owner@Example.com", "organizationName",
                "Lakeside Stays");

        String organizationId = given().auth().oauth2(TestTokens.serviceToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/organizations")
                .then().statusCode(201)
                .body("organizationId", notNullValue())
                .body("name", equalTo("Lakeside Stays"))
                .body("role", equalTo("OWNER"))
                .body("created", equalTo(true))
                .extract().path("organizationId");

        given().auth().oauth2(TestTokens.serviceToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/organizations")
                .then().statusCode(200)
                .body("organizationId", equalTo(organizationId))
                .body("created", equalTo(false));
    }

    @Test
    void callsWithoutAServiceTokenAreRejected() {
        given().contentType(ContentType.JSON).body(Map.of("subject", "s", "email", "a@b.co", "organizationName", "n"))
                .when().post("/internal/organizations")
                .then().statusCode(401);
    }

    @Test
    void tokensWithoutTheInternalRoleAreForbidden() {
        given().auth().oauth2(TestTokens.tokenWithoutRole()).contentType(ContentType.JSON)
                .body(Map.of("subject", "s", "email", "a@b.co", "organizationName", "n"))
                .when().post("/internal/organizations")
                .then().statusCode(403);
    }

    @Test
    void invalidFieldsAreNamedInAProblemDocument() {
        given().auth().oauth2(TestTokens.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("subject", "", "email", "not-an-email", "organizationName", "x".repeat(101)))
                .when().post("/internal/organizations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("subject"))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("organizationName"));
    }

    @Test
    void malformedJsonIsABadRequestWithoutInternals() {
        given().auth().oauth2(TestTokens.serviceToken()).contentType(ContentType.JSON).body("{\"subject\":")
                .when().post("/internal/organizations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request body is not valid JSON for this operation"));
    }
}
