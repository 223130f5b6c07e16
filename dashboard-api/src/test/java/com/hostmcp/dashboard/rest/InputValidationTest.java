package com.hostmcp.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.dashboard.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;

/**
 * Bad input is a 400 naming each field, before any internal service is asked (they are not running here, so any
 * call would be a 503): ids in paths, bodies and query parameters.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class InputValidationTest {

    private static RequestSpecification user() {
        return given().auth().oauth2(TestTokens.bearer()).contentType("application/json");
    }

    @Test
    void aMalformedMemberIdIsA400NamingIt() {
        user().body("{\"role\":\"ADMIN\"}").when().patch("/api/members/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("memberId")).body("errors.message", hasItem("must be a UUID"))
                .body("instance", equalTo("/api/members/not-a-uuid"));
    }

    @Test
    void malformedKeyAndRequestIdsAre400s() {
        user().when().delete("/api/keys/123").then().statusCode(400).body("errors.field", hasItem("keyId"));
        user().when().post("/api/keys/abc/regenerate").then().statusCode(400).body("errors.field", hasItem("keyId"));
        user().when().get("/api/sync-requests/xyz").then().statusCode(400).body("errors.field", hasItem("requestId"));
        user().when().delete("/api/members/" + UUID.randomUUID() + "x").then().statusCode(400)
                .body("errors.field", hasItem("memberId"));
    }

    @Test
    void hostawayCredentialsAreCheckedFieldByField() {
        user().body("{\"accountId\":\"abc\",\"secretKey\":\"\"}").when().put("/api/hostaway-connection")
                .then().statusCode(400)
                .body("errors.field", hasItems("accountId", "secretKey"))
                .body("errors.find { it.field == 'accountId' }.message",
                        equalTo("must be the numeric Hostaway account id"));
    }

    @Test
    void theSecretOfRejectedCredentialsIsNeverEchoed() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        user().body("{\"accountId\":\"not digits\",\"secretKey\":\"" + secret + "\"}").when()
                .put("/api/hostaway-connection")
                .then().statusCode(400).body(org.hamcrest.Matchers.not(containsString(secret)));
    }

    @Test
    void membersNeedAnEmailAddressAndAKnownRole() {
        user().body("{\"email\":\"not-an-address\",\"role\":\"ADMIN\"}").when().post("/api/members")
                .then().statusCode(400).body("errors.field", hasItem("email"));
        user().body("{\"email\":\"a@example.com\",\"role\":\"KING\"}").when().post("/api/members")
                .then().statusCode(400).body("errors.field", hasItem("role"))
                .body("errors.message", hasItem(containsString("OWNER")));
        user().body("{\"email\":\"a@example.com\"}").when().post("/api/members")
                .then().statusCode(400).body("errors.field", hasItem("role"));
    }

    @Test
    void theOrganizationNeedsANameOfAtMostAHundredCharacters() {
        user().body("{\"name\":\" \"}").when().patch("/api/organization")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        user().body("{\"name\":\"" + "n".repeat(101) + "\"}").when().patch("/api/organization")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        user().when().patch("/api/organization").then().statusCode(400);
    }

    @Test
    void aKeyNameLongerThanAHundredCharactersIsRefused() {
        user().body("{\"name\":\"" + "k".repeat(101) + "\"}").when().post("/api/keys")
                .then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        user().body("{\"name\":").when().post("/api/keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void dailyUsageTakesOneToNinetyDays() {
        for (String days : new String[] { "0", "91", "abc", "-1" }) {
            user().queryParam("days", days).when().get("/api/usage/daily")
                    .then().statusCode(400).body("errors.field", hasItem("days"));
        }
        user().queryParam("tool", "t".repeat(129)).when().get("/api/usage/daily")
                .then().statusCode(400).body("errors.field", hasItem("tool"));
    }

    @Test
    void auditLogFiltersAreCheckedEachByName() {
        user().queryParam("outcome", "MAYBE").queryParam("limit", "0").queryParam("keyId", "k1")
                .queryParam("from", "yesterday").queryParam("kind", "EVERYTHING").queryParam("cursor", "not a cursor")
                .when().get("/api/audit-log")
                .then().statusCode(400)
                .body("errors.field", hasItems("outcome", "limit", "keyId", "from", "kind", "cursor"));
        user().queryParam("limit", "201").when().get("/api/audit-log")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void theAuditLogTakesToolOrActionNotBoth() {
        user().queryParam("tool", "list_listings").queryParam("action", "com.hostmcp.tenant.MemberAdded.v1")
                .when().get("/api/audit-log")
                .then().statusCode(400).body("errors.field", hasItem("tool"));
    }

    @Test
    void listLimitsAreBounded() {
        user().queryParam("limit", "101").when().get("/api/sync-runs")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        user().queryParam("limit", "0").when().get("/api/billing/invoices")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }
}
