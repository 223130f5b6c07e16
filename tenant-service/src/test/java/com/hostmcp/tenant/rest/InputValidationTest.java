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

import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
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
 * Every field of the registration, organization, member, API key and Hostaway credential endpoints, one bad value at a
 * time: each is refused with a 400 problem document naming the field, although the acting user is an owner and
 * everything else about the request is valid. (The credential key re-encryption endpoint takes no input.)
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class InputValidationTest {

    /** Placeholders, replaced per test: the organization's owner, its id, the id of its other member and of its key. */
    private static final String OWNER = "{owner}";
    private static final String ORG = "{org}";
    private static final String MEMBER = "{member}";
    private static final String KEY = "{key}";
    private static final String NO_USER = null;
    private static final String REGISTER = "/internal/organizations";

    @Inject
    OrganizationService organizations;

    String owner;
    UUID organizationId;
    UUID memberId;
    UUID keyId;

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
        String account = String.valueOf(HostawaySeedAccounts.SMALL_ACCOUNT_ID);
        String secret = HostawaySeedAccounts.SMALL_SECRET;
        return Stream.of(
                // registering (first login): no acting user, the body names the user
                new Case("register with a blank subject", "POST", REGISTER,
                        registration(" ", "new@example.com", "New Stays"), NO_USER, "subject"),
                new Case("register with a subject over 255 characters", "POST", REGISTER,
                        registration("s".repeat(256), "new@example.com", "New Stays"), NO_USER, "subject"),
                new Case("register without a subject", "POST", REGISTER,
                        Map.of("email", "new@example.com", "organizationName", "New Stays"), NO_USER, "subject"),
                new Case("register with an invalid e-mail", "POST", REGISTER,
                        registration(newSubject(), "not-an-email", "New Stays"), NO_USER, "email"),
                new Case("register with an e-mail over 254 characters", "POST", REGISTER,
                        registration(newSubject(), longEmail, "New Stays"), NO_USER, "email"),
                new Case("register with a blank e-mail", "POST", REGISTER,
                        registration(newSubject(), " ", "New Stays"), NO_USER, "email"),
                new Case("register without an e-mail", "POST", REGISTER,
                        Map.of("subject", newSubject(), "organizationName", "New Stays"), NO_USER, "email"),
                new Case("register with a blank organization name", "POST", REGISTER,
                        registration(newSubject(), "new@example.com", "   "), NO_USER, "organizationName"),
                new Case("register with an organization name over 100 characters", "POST", REGISTER,
                        registration(newSubject(), "new@example.com", "n".repeat(101)), NO_USER, "organizationName"),
                new Case("register without an organization name", "POST", REGISTER,
                        Map.of("subject", newSubject(), "email", "new@example.com"), NO_USER, "organizationName"),
                new Case("register with a list instead of an organization name", "POST", REGISTER,
                        Map.of("subject", newSubject(), "email", "new@example.com", "organizationName", List.of("A")),
                        NO_USER, "organizationName"),
                new Case("register without a body", "POST", REGISTER, null, NO_USER, "request"),
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
                        "X-Acting-User"),
                // listing API keys
                new Case("API keys of an organization id that is not a UUID", "GET",
                        "/internal/organizations/not-a-uuid/api-keys", null, user, "organizationId"),
                new Case("API keys without acting user", "GET", path("/api-keys"), null, NO_USER, "X-Acting-User"),
                // creating an API key
                new Case("create a key in an organization id that is not a UUID", "POST",
                        "/internal/organizations/12345/api-keys", Map.of("name", "CI"), user, "organizationId"),
                new Case("create a key with a name over 100 characters", "POST", path("/api-keys"),
                        Map.of("name", "k".repeat(101)), user, "name"),
                new Case("create a key with a list instead of a name", "POST", path("/api-keys"),
                        Map.of("name", List.of("CI", "CD")), user, "name"),
                new Case("create a key with an object instead of a name", "POST", path("/api-keys"),
                        Map.of("name", Map.of("text", "CI")), user, "name"),
                new Case("create a key without acting user", "POST", path("/api-keys"), Map.of("name", "CI"), NO_USER,
                        "X-Acting-User"),
                // revoking an API key
                new Case("revoke a key in an organization id that is not a UUID", "DELETE",
                        "/internal/organizations/not-a-uuid/api-keys/" + KEY, null, user, "organizationId"),
                new Case("revoke a key id that is not a UUID", "DELETE", path("/api-keys/not-a-uuid"), null, user,
                        "keyId"),
                new Case("revoke a key without acting user", "DELETE", path("/api-keys/" + KEY), null, NO_USER,
                        "X-Acting-User"),
                // regenerating an API key
                new Case("regenerate a key in an organization id that is not a UUID", "POST",
                        "/internal/organizations/not-a-uuid/api-keys/" + KEY + "/regenerate", null, user,
                        "organizationId"),
                new Case("regenerate a key id that is not a UUID", "POST", path("/api-keys/7/regenerate"), null, user,
                        "keyId"),
                new Case("regenerate a key without acting user", "POST", path("/api-keys/" + KEY + "/regenerate"),
                        null, NO_USER, "X-Acting-User"),
                // the Hostaway connection's status
                new Case("Hostaway status of an organization id that is not a UUID", "GET",
                        "/internal/organizations/not-a-uuid/hostaway-credentials", null, user, "organizationId"),
                new Case("Hostaway status without acting user", "GET", path("/hostaway-credentials"), null, NO_USER,
                        "X-Acting-User"),
                // connecting Hostaway
                new Case("connect Hostaway to an organization id that is not a UUID", "PUT",
                        "/internal/organizations/not-a-uuid/hostaway-credentials", credentials(account, secret), user,
                        "organizationId"),
                new Case("connect with a non-numeric account id", "PUT", path("/hostaway-credentials"),
                        credentials("12ab", secret), user, "accountId"),
                new Case("connect with a negative account id", "PUT", path("/hostaway-credentials"),
                        credentials("-10001", secret), user, "accountId"),
                new Case("connect with an account id over 20 digits", "PUT", path("/hostaway-credentials"),
                        credentials("1".repeat(21), secret), user, "accountId"),
                new Case("connect with a blank account id", "PUT", path("/hostaway-credentials"),
                        credentials(" ", secret), user, "accountId"),
                new Case("connect without an account id", "PUT", path("/hostaway-credentials"),
                        Map.of("secretKey", secret), user, "accountId"),
                new Case("connect with a list instead of an account id", "PUT", path("/hostaway-credentials"),
                        Map.of("accountId", List.of(account), "secretKey", secret), user, "accountId"),
                new Case("connect with an empty secret key", "PUT", path("/hostaway-credentials"),
                        credentials(account, ""), user, "secretKey"),
                new Case("connect with a blank secret key", "PUT", path("/hostaway-credentials"),
                        credentials(account, "   "), user, "secretKey"),
                new Case("connect without a secret key", "PUT", path("/hostaway-credentials"),
                        Map.of("accountId", account), user, "secretKey"),
                new Case("connect with a secret key over 200 characters", "PUT", path("/hostaway-credentials"),
                        credentials(account, "s".repeat(201)), user, "secretKey"),
                new Case("connect with a list instead of a secret key", "PUT", path("/hostaway-credentials"),
                        Map.of("accountId", account, "secretKey", List.of(secret)), user, "secretKey"),
                new Case("connect without a body", "PUT", path("/hostaway-credentials"), null, user, "request"),
                new Case("connect without acting user", "PUT", path("/hostaway-credentials"),
                        credentials(account, secret), NO_USER, "X-Acting-User"),
                // testing the Hostaway connection
                new Case("test Hostaway of an organization id that is not a UUID", "POST",
                        "/internal/organizations/not-a-uuid/hostaway-credentials/test", null, user, "organizationId"),
                new Case("test Hostaway without acting user", "POST", path("/hostaway-credentials/test"), null,
                        NO_USER, "X-Acting-User"),
                // disconnecting Hostaway
                new Case("disconnect Hostaway of an organization id that is not a UUID", "DELETE",
                        "/internal/organizations/42/hostaway-credentials", null, user, "organizationId"),
                new Case("disconnect Hostaway without acting user", "DELETE", path("/hostaway-credentials"), null,
                        NO_USER, "X-Acting-User"));
    }

    private static Map<String, Object> registration(String subject, String email, String organizationName) {
        return Map.of("subject", subject, "email", email, "organizationName", organizationName);
    }

    private static Map<String, Object> credentials(String accountId, String secretKey) {
        return Map.of("accountId", accountId, "secretKey", secretKey);
    }

    /** A subject no one has registered with, so that only the bad field stands between the request and a 201. */
    private static String newSubject() {
        return "new-" + UUID.randomUUID();
    }

    private static String path(String suffix) {
        return "/internal/organizations/" + ORG + suffix;
    }

    @BeforeEach
    void anOrganizationWithOneMemberAndOneKey() {
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Validation Stays").await()
                .atMost(Duration.ofSeconds(10)).organization().id();
        memberId = UUID.fromString(given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner)
                .contentType(ContentType.JSON).body(Map.of("email", "member@example.com", "role", "MEMBER"))
                .post("/internal/organizations/" + organizationId + "/members")
                .then().statusCode(201).extract().path("id"));
        keyId = UUID.fromString(given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", owner)
                .contentType(ContentType.JSON).body(Map.of("name", "CI"))
                .post("/internal/organizations/" + organizationId + "/api-keys")
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
        String path = bad.path().replace(ORG, organizationId.toString()).replace(MEMBER, memberId.toString())
                .replace(KEY, keyId.toString());

        request.when().request(bad.method(), path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(bad.field()));
    }
}
