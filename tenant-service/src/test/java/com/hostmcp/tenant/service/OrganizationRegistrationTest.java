package com.hostmcp.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.tenant.messaging.TenantTopics;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Organization creation goes through the outbox: one state change, exactly one event per topic, on the contract. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class OrganizationRegistrationTest {

    private static final String CREATED = "com.hostmcp.tenant.OrganizationCreated.v1";
    private static final String STATE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    @Inject
    OrganizationService service;
    @Inject
    MemberService memberService;
    @Inject
    ObjectMapper mapper;

    KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void firstLoginCreatesTheOrganizationAndPublishesOneContractValidEventPerTopic() throws Exception {
        String owner = "user-" + UUID.randomUUID();

        var registration = service.createOrGet(owner, owner + "@example.com", "  Lakeside Stays ").await()
                .atMost(Duration.ofSeconds(10));

        assertThat(registration.created()).isTrue();
        assertThat(registration.role()).isEqualTo(com.hostmcp.tenant.MemberRole.OWNER);
        assertThat(registration.organization().name()).isEqualTo("Lakeside Stays");
        String orgId = registration.organization().id().toString();

        ConsumerRecord<String, String> created = awaitEventFor(TenantTopics.EVENTS, orgId, CREATED);
        EventContracts.assertValid(created.value());
        JsonNode event = mapper.readTree(created.value());
        assertThat(event.get("type").asText()).isEqualTo("com.hostmcp.tenant.OrganizationCreated.v1");
        assertThat(event.get("data").get("ownerSubject").asText()).isEqualTo(owner);
        assertThat(event.get("data").get("actor").get("type").asText()).isEqualTo("USER");

        ConsumerRecord<String, String> state = awaitEventFor(TenantTopics.ORGANIZATIONS, orgId, STATE);
        EventContracts.assertValid(state.value());
        assertThat(mapper.readTree(state.value()).get("data").get("hostaway").get("status").asText())
                .isEqualTo("NOT_CONNECTED");
    }

    @Test
    void laterLoginsReturnTheSameOrganizationAndPublishNothingMore() {
        String owner = "user-" + UUID.randomUUID();
        var first = service.createOrGet(owner, owner + "@example.com", "Beach Houses").await().atMost(Duration.ofSeconds(10));
        var again = service.createOrGet(owner, owner + "@example.com", "Another Name").await().atMost(Duration.ofSeconds(10));

        assertThat(again.created()).isFalse();
        assertThat(again.organization().id()).isEqualTo(first.organization().id());
        assertThat(again.organization().name()).isEqualTo("Beach Houses");
        assertThat(eventsFor(TenantTopics.EVENTS, first.organization().id().toString(), CREATED)).hasSize(1);
    }

    @Test
    void concurrentFirstLoginsCreateOneOrganization() {
        String owner = "user-" + UUID.randomUUID();
        List<CompletableFuture<OrganizationService.Registration>> logins = IntStream.range(0, 8)
                .mapToObj(i -> service.createOrGet(owner, owner + "@example.com", "Org " + i).subscribeAsCompletionStage()
                        .toCompletableFuture())
                .toList();
        List<OrganizationService.Registration> results = logins.stream().map(CompletableFuture::join).toList();

        assertThat(results).filteredOn(OrganizationService.Registration::created).hasSize(1);
        assertThat(results).extracting(r -> r.organization().id()).containsOnly(results.get(0).organization().id());
        assertThat(eventsFor(TenantTopics.EVENTS, results.get(0).organization().id().toString(), CREATED)).hasSize(1);
    }

    @Test
    void creatorWhoLeftGetsANewOrganizationAtTheNextLogin() {
        String creator = "user-" + UUID.randomUUID();
        String partner = "user-" + UUID.randomUUID();
        var first = service.createOrGet(creator, creator + "@example.com", "First").await().atMost(Duration.ofSeconds(10));
        UUID orgId = first.organization().id();
        memberService.add(orgId, creator, partner + "@example.com", com.hostmcp.tenant.MemberRole.OWNER)
                .await().atMost(Duration.ofSeconds(10));
        var joined = service.createOrGet(partner, partner + "@example.com", "ignored").await().atMost(Duration.ofSeconds(10));
        assertThat(joined.organization().id()).isEqualTo(orgId);
        UUID creatorMemberId = memberService.list(orgId, creator).await().atMost(Duration.ofSeconds(10)).stream()
                .filter(m -> creator.equals(m.subject())).findFirst().orElseThrow().id();

        memberService.remove(orgId, creator, creatorMemberId).await().atMost(Duration.ofSeconds(10));
        var again = service.createOrGet(creator, creator + "@example.com", "Second").await().atMost(Duration.ofSeconds(10));

        assertThat(again.created()).isTrue();
        assertThat(again.organization().id()).isNotEqualTo(orgId);
        assertThat(again.organization().name()).isEqualTo("Second");
    }

    private ConsumerRecord<String, String> awaitEventFor(String topic, String key, String type) {
        List<ConsumerRecord<String, String>> matching = eventsFor(topic, key, type);
        assertThat(matching).as("records with key %s on %s", key, topic).hasSize(1);
        return matching.get(0);
    }

    private boolean matches(ConsumerRecord<String, String> record, String key, String type) {
        try {
            return key.equals(record.key()) && record.value() != null
                    && type.equals(mapper.readTree(record.value()).get("type").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Reads the topic from the beginning until a quiet second has passed, and keeps the records for {@code key}. */
    private List<ConsumerRecord<String, String>> eventsFor(String topic, String key, String type) {
        var task = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .withAutoCommit().fromTopics(topic);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> task.getRecords().stream().anyMatch(r -> matches(r, key, type)));
            // give a duplicate the chance to show up
            Thread.sleep(1000);
            return task.getRecords().stream().filter(r -> matches(r, key, type)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            task.stop();
        }
    }
}
