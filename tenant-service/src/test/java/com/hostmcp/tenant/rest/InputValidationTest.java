package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every field of the organization and member endpoints, one bad value at a time: each is refused with a 400 problem
 * document naming the field, although the acting user is an owner and the request would otherwise succeed.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class InputValidationTest {

    /** Placeholders, replaced per test: the organization's owner, its id and the id of its other member. */
    private static final String OWNER = "{owner}";
    private static final String ORG = "{org}";
    private static final String MEMBER = "{member}";
    private static final String NO_USER = null;

    @Inject
    OrganizationService organizations;

    String owner;
    UUID organizationId;
    UUID memberId;

    /** One bad request and the field it must be refused for. */
    record Case(String name, String method, String path, Object body, String actingUser, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badRequests() {
        String user = OWNER;
        String longEmail = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".com";
        return Stream.of(
                // the organization
                new Case("organization id that is not a UUID", "GET", "/internal/organizations/not-a-uuid", null, user,
                        "organizationId"),
                new Case("no acting user on GET organization", "GET", path(""), null, NO_USER, "X-Acting-User"),
                new Case("blank acting user", "GET", path(""), null, " ", "X-Acting-User"),
                new Case("rename to an empty name", "PATCH", path(""), Map.of("name", ""), user, "name"),
                new Case("rename to a blank name", "PATCH", path(""), Map.of("name", "   "), user, "name"),
                new Case("rename to 101 characters", "PATCH", path(""), Map.of("name", "n".repeat(101)), user, "name"),
                new Case("rename without a name", "PATCH", path(""), Map.of(), user, "name"),
                new Case("rename to a list instead of a name", "PATCH", path(""), Map.of("name", List.of("A", "B")), user,
                        "name"),
                new Case("rename without a body", "PATCH", path(""), null, user, "request"),
                new Case("rename without acting user", "PATCH", path(""), Map.of("name", "Fine"), NO_USER,
                        "X-Acting-User"),
                new Case("rename of an organization id that is not a UUID", "PATCH", "/internal/organizations/123",
                        Map.of("name", "Fine"), user, "organizationId"),
                // listing members
                new Case("members of an organization id that is not a UUID", "GET",
                        "/internal/organizations/xyz/members", null, user, "organizationId"),
                new Case("members without acting user", "GET", path("/members"), null, NO_USER, "X-Acting-User"),
                // adding a member
                new Case("add a member with an invalid e-mail", "POST", path("/members"),
                        Map.of("email", "not-an-email", "role", "MEMBER"), user, "email"),
                new Case("add a member with a blank e-mail", "POST", path("/members"),
                        Map.of("email", " ", "role", "MEMBER"), user, "email"),
                new Case("add a member with an e-mail over 254 characters", "POST", path("/members"),
                        Map.of("email", longEmail, "role", "MEMBER"), user, "email"),
                new Case("add a member without e-mail", "POST", path("/members"), Map.of("role", "MEMBER"), user,
                        "email"),
                new Case("add a member with an unknown role", "POST", path("/members"),
                        Map.of("email", "new@example.com", "role", "SUPERUSER"), user, "role"),
                new Case("add a member with a numeric role", "POST", path("/members"),
                        Map.of("email", "new@example.com", "role", 1), user, "role"),
                new Case("add a member without role", "POST", path("/members"), Map.of("email", "new@example.com"),
                        user, "role"),
                new Case("add a member without body", "POST", path("/members"), null, user, "request"),
                new Case("add a member without acting user", "POST", path("/members"),
                        Map.of("email", "new@example.com", "role", "MEMBER"), NO_USER, "X-Acting-User"),
                // changing a role
                new Case("change the role of a member id that is not a UUID", "PATCH", path("/members/42"),
                        Map.of("role", "ADMIN"), user, "memberId"),
                new Case("change to an unknown role", "PATCH", path("/members/" + MEMBER), Map.of("role", "KING"), user,
                        "role"),
                new Case("change without role", "PATCH", path("/members/" + MEMBER), Map.of(), user, "role"),
                new Case("change without acting user", "PATCH", path("/members/" + MEMBER), Map.of("role", "ADMIN"),
                        NO_USER, "X-Acting-User"),
                // removing a member
                new Case("remove a member id that is not a UUID", "DELETE", path("/members/not-a-uuid"), null, user,
                        "memberId"),
                new Case("remove without acting user", "DELETE", path("/members/" + MEMBER), null, NO_USER,
                        "X-Acting-User"));
    }

    private static String path(String suffix) {
        return "/internal/organizations/" + ORG + suffix;
    }

    @BeforeEach
    void anOrganizationWithOneMember() {
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Validation Stays").await()
                .atMost(Duration.ofSeconds(10)).organization().id();
        memberId = UUID.fromString(given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner)
                .contentType(ContentType.JSON).body(Map.of("email", "member@example.com", "role", "MEMBER"))
                .post("/internal/organizations/" + organizationId + "/members")
                .then().statusCode(201).extract().path("id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedWithAProblemNamingTheField(Case bad) {
        RequestSpecification request = given().auth().oauth2(TestTokens.serviceToken()).contentType(ContentType.JSON);
        if (bad.actingUser() != null) {
            request.header("X-Acting-User", bad.actingUser().replace(OWNER, owner));
        }
        if (bad.body() != null) {
            request.body(bad.body());
        }
        String path = bad.path().replace(ORG, organizationId.toString()).replace(MEMBER, memberId.toString());

        request.when().request(bad.method(), path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(bad.field()));
    }
}
