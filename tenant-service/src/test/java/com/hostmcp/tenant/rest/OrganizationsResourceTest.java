package com.hostmcp.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.tenant.OutboxRows;
import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** An organization and its members through the internal API: who may do what, and what each change publishes. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class OrganizationsResourceTest {

    private static final String RENAMED = "com.hostmcp.tenant.OrganizationRenamed.v1";
    private static final String STATE = "com.hostmcp.tenant.OrganizationUpdated.v1";
    private static final String ADDED = "com.hostmcp.tenant.MemberAdded.v1";
    private static final String ROLE_CHANGED = "com.hostmcp.tenant.MemberRoleChanged.v1";
    private static final String REMOVED = "com.hostmcp.tenant.MemberRemoved.v1";

    @Inject
    OrganizationService organizations;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    OutboxRows outbox;
    UUID organizationId;
    String owner;

    /** A signed-in member: their OIDC subject and member id. */
    record Person(String subject, String memberId) {
    }

    @BeforeEach
    void anOrganizationWithItsOwner() {
        outbox = new OutboxRows(pool, mapper);
        owner = "owner-" + UUID.randomUUID();
        organizationId = organizations.createOrGet(owner, owner + "@example.com", "Lakeside Stays").await()
                .atMost(Duration.ofSeconds(10)).organization().id();
    }

    @Test
    void membersSeeTheOrganizationWithTheirOwnRole() {
        Person member = join("MEMBER");

        as(owner).get(path("")).then().statusCode(200)
                .body("id", equalTo(organizationId.toString()))
                .body("name", equalTo("Lakeside Stays"))
                .body("role", equalTo("OWNER"))
                .body("createdAt", notNullValue());
        as(member.subject()).get(path("")).then().statusCode(200).body("role", equalTo("MEMBER"));
    }

    @Test
    void someoneOutsideTheOrganizationFindsNothing() {
        String outsider = "outsider-" + UUID.randomUUID();
        organizations.createOrGet(outsider, outsider + "@example.com", "Other Org").await().atMost(Duration.ofSeconds(10));

        as(outsider).get(path("")).then().statusCode(404).contentType("application/problem+json");
        as(outsider).get(path("/members")).then().statusCode(404);
        as(outsider).contentType(ContentType.JSON).body(Map.of("name", "Mine now")).patch(path("")).then().statusCode(404);
        as(owner).get(path("")).then().body("name", equalTo("Lakeside Stays"));
    }

    @Test
    void tokensWithoutTheInternalRoleAreRefused() {
        given().auth().oauth2(TestTokens.tokenWithoutRole()).header("X-Acting-User", owner)
                .get(path("/members")).then().statusCode(403);
    }

    @Test
    void renamingTrimsTheNameAndPublishesTheRenameAndTheNewState() {
        as(owner).contentType(ContentType.JSON).body(Map.of("name", "  Harbour Homes  ")).patch(path(""))
                .then().statusCode(200)
                .body("name", equalTo("Harbour Homes"))
                .body("role", equalTo("OWNER"));

        as(owner).get(path("")).then().body("name", equalTo("Harbour Homes"));
        JsonNode renamed = single(RENAMED);
        assertThat(renamed.at("/data/name").asText()).isEqualTo("Harbour Homes");
        assertThat(renamed.at("/data/previousName").asText()).isEqualTo("Lakeside Stays");
        assertThat(renamed.at("/data/actor/id").asText()).isEqualTo(owner);
        List<JsonNode> states = outbox.events(organizationId, STATE);
        states.forEach(state -> EventContracts.assertValid(state.toString()));
        assertThat(states).last().satisfies(state -> {
            assertThat(state.at("/data/name").asText()).isEqualTo("Harbour Homes");
            assertThat(state.at("/data/version").asLong()).isGreaterThan(states.get(0).at("/data/version").asLong());
        });
    }

    @Test
    void renamingToTheSameNamePublishesNothing() {
        as(owner).contentType(ContentType.JSON).body(Map.of("name", "Lakeside Stays")).patch(path(""))
                .then().statusCode(200);

        assertThat(outbox.events(organizationId, RENAMED)).isEmpty();
        assertThat(outbox.events(organizationId, STATE)).hasSize(1);
    }

    @Test
    void membersCannotRenameTheOrganization() {
        Person member = join("MEMBER");

        as(member.subject()).contentType(ContentType.JSON).body(Map.of("name", "Hijacked")).patch(path(""))
                .then().statusCode(403).contentType("application/problem+json");
        as(owner).get(path("")).then().body("name", equalTo("Lakeside Stays"));
    }

    @Test
    void addedMembersAreListedToEveryMemberAndPublished() {
        Person admin = join("ADMIN");
        invite(owner, "Invited@Example.com", "MEMBER").then().statusCode(201)
                .body("email", equalTo("invited@example.com"))
                .body("role", equalTo("MEMBER"))
                .body("joined", equalTo(false));

        as(admin.subject()).get(path("/members")).then().statusCode(200)
                .body("email", containsInAnyOrder(owner + "@example.com", admin.subject() + "@example.com",
                        "invited@example.com"))
                .body("role", containsInAnyOrder("OWNER", "ADMIN", "MEMBER"))
                .body("joined", containsInAnyOrder(true, true, false));
        List<JsonNode> added = outbox.events(organizationId, ADDED);
        added.forEach(event -> EventContracts.assertValid(event.toString()));
        assertThat(added).extracting(event -> event.at("/data/email").asText())
                .containsExactly(owner + "@example.com", admin.subject() + "@example.com", "invited@example.com");
        assertThat(added.get(2).at("/data/actor/id").asText()).isEqualTo(owner);
    }

    @Test
    void addingAnAddressThatIsAlreadyAMemberIsAConflict() {
        invite(owner, "twice@example.com", "MEMBER").then().statusCode(201);

        invite(owner, " TWICE@example.com ", "ADMIN").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already has a member with this e-mail"));
        assertThat(outbox.events(organizationId, ADDED)).hasSize(2);
    }

    @Test
    void membersCannotAddMembers() {
        Person member = join("MEMBER");

        invite(member.subject(), "friend@example.com", "MEMBER").then().statusCode(403);
        as(owner).get(path("/members")).then().body("size()", equalTo(2));
    }

    @Test
    void onlyOwnersAddOwnersOrGrantAndRevokeTheOwnerRole() {
        Person admin = join("ADMIN");
        Person member = join("MEMBER");
        Person secondOwner = join("OWNER");

        invite(admin.subject(), "boss@example.com", "OWNER").then().statusCode(403);
        changeRole(admin.subject(), member.memberId(), "OWNER").then().statusCode(403);
        changeRole(admin.subject(), secondOwner.memberId(), "ADMIN").then().statusCode(403);
        remove(admin.subject(), secondOwner.memberId()).then().statusCode(403);
        changeRole(admin.subject(), member.memberId(), "ADMIN").then().statusCode(200).body("role", equalTo("ADMIN"));
        changeRole(owner, member.memberId(), "OWNER").then().statusCode(200).body("role", equalTo("OWNER"));
        as(owner).get(path("/members")).then()
                .body("findAll { it.role == 'OWNER' }.size()", equalTo(3));
    }

    @Test
    void aRoleChangeIsPublishedWithThePreviousRole() {
        Person member = join("MEMBER");

        changeRole(owner, member.memberId(), "ADMIN").then().statusCode(200)
                .body("id", equalTo(member.memberId()))
                .body("role", equalTo("ADMIN"));

        JsonNode changed = single(ROLE_CHANGED);
        assertThat(changed.at("/data/memberId").asText()).isEqualTo(member.memberId());
        assertThat(changed.at("/data/role").asText()).isEqualTo("ADMIN");
        assertThat(changed.at("/data/previousRole").asText()).isEqualTo("MEMBER");
        as(member.subject()).get(path("")).then().body("role", equalTo("ADMIN"));
    }

    @Test
    void theLastOwnerCanNeitherLeaveNorBeDemoted() {
        String ownerId = memberIdOf(owner);

        remove(owner, ownerId).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("last owner"));
        changeRole(owner, ownerId, "ADMIN").then().statusCode(409).body("detail", containsString("last owner"));
        as(owner).get(path("")).then().statusCode(200).body("role", equalTo("OWNER"));
        assertThat(outbox.events(organizationId, REMOVED)).isEmpty();
    }

    @Test
    void anOwnerMayLeaveOnceAnotherOwnerRemains() {
        Person secondOwner = join("OWNER");
        String ownerId = memberIdOf(owner);

        remove(owner, ownerId).then().statusCode(204);

        as(owner).get(path("")).then().statusCode(404);
        as(secondOwner.subject()).get(path("/members")).then().body("id", containsInAnyOrder(secondOwner.memberId()));
        assertThat(single(REMOVED).at("/data/memberId").asText()).isEqualTo(ownerId);
    }

    @Test
    void membersMayLeaveButNotRemoveOthers() {
        Person admin = join("ADMIN");
        Person member = join("MEMBER");

        remove(member.subject(), admin.memberId()).then().statusCode(403);
        remove(member.subject(), member.memberId()).then().statusCode(204);

        as(member.subject()).get(path("")).then().statusCode(404);
        as(admin.subject()).get(path("/members")).then().body("size()", equalTo(2));
        assertThat(single(REMOVED).at("/data/actor/id").asText()).isEqualTo(member.subject());
    }

    @Test
    void adminsRemoveMembers() {
        Person admin = join("ADMIN");
        Person member = join("MEMBER");

        remove(admin.subject(), member.memberId()).then().statusCode(204);

        as(owner).get(path("/members")).then().body("id", containsInAnyOrder(memberIdOf(owner), admin.memberId()));
    }

    @Test
    void membersOfAnotherOrganizationAreNotFound() {
        String stranger = "stranger-" + UUID.randomUUID();
        UUID otherOrganization = organizations.createOrGet(stranger, stranger + "@example.com", "Elsewhere").await()
                .atMost(Duration.ofSeconds(10)).organization().id();
        String strangerId = as(stranger).get("/internal/organizations/" + otherOrganization + "/members")
                .then().extract().path("[0].id");

        remove(owner, strangerId).then().statusCode(404).body("detail", equalTo("member not found"));
        changeRole(owner, strangerId, "MEMBER").then().statusCode(404);
        remove(owner, UUID.randomUUID().toString()).then().statusCode(404);
        as(stranger).get("/internal/organizations/" + otherOrganization).then().statusCode(200)
                .body("role", equalTo("OWNER"));
    }

    private Person join(String role) {
        String subject = role.toLowerCase() + "-" + UUID.randomUUID();
        String memberId = invite(owner, subject + "@example.com", role).then().statusCode(201).extract().path("id");
        // their first login links the invitation
        var registration = organizations.createOrGet(subject, subject + "@example.com", "Ignored").await()
                .atMost(Duration.ofSeconds(10));
        assertThat(registration.organization().id()).isEqualTo(organizationId);
        return new Person(subject, memberId);
    }

    private String memberIdOf(String subject) {
        return as(owner).get(path("/members")).then().statusCode(200).extract()
                .path("find { it.email == '" + subject + "@example.com' }.id");
    }

    private JsonNode single(String type) {
        List<JsonNode> events = outbox.events(organizationId, type);
        assertThat(events).as("%s events", type).hasSize(1);
        EventContracts.assertValid(events.get(0).toString());
        return events.get(0);
    }

    private io.restassured.response.Response invite(String actingUser, String email, String role) {
        return as(actingUser).contentType(ContentType.JSON).body(Map.of("email", email, "role", role))
                .post(path("/members"));
    }

    private io.restassured.response.Response changeRole(String actingUser, String memberId, String role) {
        return as(actingUser).contentType(ContentType.JSON).body(Map.of("role", role))
                .patch(path("/members/" + memberId));
    }

    private io.restassured.response.Response remove(String actingUser, String memberId) {
        return as(actingUser).delete(path("/members/" + memberId));
    }

    private RequestSpecification as(String actingUser) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", actingUser);
    }

    private String path(String suffix) {
        return "/internal/organizations/" + organizationId + suffix;
    }
}
