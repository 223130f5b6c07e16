package com.hostmcp.tenant.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.service.MemberService;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Billing's entitlement snapshots: owners are mailed once per suspension and once per return to ACTIVE, whatever the
 * redeliveries; stale snapshots change nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class EntitlementConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "billing.entitlements.v1";
    private static final String SUSPENDED_SUBJECT = "Your HostMCP access is suspended";
    private static final String ACTIVE_SUBJECT = "Your HostMCP access is active again";

    @Inject
    OrganizationService organizations;
    @Inject
    MemberService members;
    @Inject
    CloudEventCodec codec;
    @Inject
    ObjectMapper mapper;
    @Inject
    MockMailbox mailbox;
    @Inject
    Pool pool;

    KafkaCompanion kafka;
    UUID organizationId;
    String owner;
    String secondOwner;
    String admin;

    @BeforeEach
    void anOrganizationWithTwoOwnersAndAnAdmin() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
        String subject = "owner-" + UUID.randomUUID();
        owner = subject + "@example.com";
        organizationId = organizations.createOrGet(subject, owner, "Pine Lodges").await().atMost(WAIT)
                .organization().id();
        secondOwner = "owner-" + UUID.randomUUID() + "@example.com";
        admin = "admin-" + UUID.randomUUID() + "@example.com";
        members.add(organizationId, subject, secondOwner, MemberRole.OWNER).await().atMost(WAIT);
        members.add(organizationId, subject, admin, MemberRole.ADMIN).await().atMost(WAIT);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aSuspensionDeliveredSeveralTimesIsMailedOnceToEachOwner() {
        String suspension = entitlement(organizationId, "SUSPENDED", 2);

        produce(organizationId, entitlement(organizationId, "ACTIVE", 1), suspension, suspension,
                // the same version again under a new event id (billing re-publishing it)
                entitlement(organizationId, "SUSPENDED", 2),
                // a later snapshot in the same state: processed last, mails nothing
                entitlement(organizationId, "SUSPENDED", 3));
        awaitStoredVersion(organizationId, 3);

        for (String address : List.of(owner, secondOwner)) {
            List<Mail> mails = mailbox.getMailsSentTo(address);
            assertThat(mails).as("mails to %s", address).extracting(Mail::getSubject).containsExactly(SUSPENDED_SUBJECT);
            assertThat(mails.get(0).getText()).contains("Pine Lodges", "billing test: SUSPENDED");
        }
        assertThat(mailbox.getMailsSentTo(admin)).isEmpty();
    }

    @Test
    void returningToActiveFromSuspendedOrPastDueIsMailed() {
        produce(organizationId, entitlement(organizationId, "SUSPENDED", 1), entitlement(organizationId, "ACTIVE", 2),
                entitlement(organizationId, "PAST_DUE", 3), entitlement(organizationId, "ACTIVE", 4),
                entitlement(organizationId, "ACTIVE", 5));
        awaitStoredVersion(organizationId, 5);

        assertThat(mailbox.getMailsSentTo(owner)).extracting(Mail::getSubject)
                .containsExactly(SUSPENDED_SUBJECT, ACTIVE_SUBJECT, ACTIVE_SUBJECT);
    }

    @Test
    void aStaleSnapshotChangesNothingAndMailsNothing() {
        produce(organizationId, entitlement(organizationId, "SUSPENDED", 5));
        awaitStoredVersion(organizationId, 5);

        produce(organizationId, entitlement(organizationId, "ACTIVE", 4), entitlement(organizationId, "SUSPENDED", 6),
                entitlement(organizationId, "SUSPENDED", 7));
        awaitStoredVersion(organizationId, 7);

        assertThat(mailbox.getMailsSentTo(owner)).extracting(Mail::getSubject).containsExactly(SUSPENDED_SUBJECT);
    }

    @Test
    void trialsAndCancellationsAreKeptWithoutMail() {
        produce(organizationId, entitlement(organizationId, "TRIAL", 1), entitlement(organizationId, "ACTIVE", 2),
                entitlement(organizationId, "CANCELED", 3), entitlement(organizationId, "CANCELED", 4));
        awaitStoredVersion(organizationId, 4);

        assertThat(storedState(organizationId)).isEqualTo("CANCELED");
        assertThat(mailbox.getMailsSentTo(owner)).isEmpty();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        String poison = "{\"not\": \"a cloud event\"}";

        produce(organizationId, poison, entitlement(organizationId, "SUSPENDED", 1));
        awaitStoredVersion(organizationId, 1);

        var dead = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID()).withAutoCommit()
                .fromTopics(TOPIC + ".tenant-service.dlq");
        try {
            await().atMost(WAIT).until(() -> dead.getRecords().stream().anyMatch(r -> poison.equals(r.value())));
        } finally {
            dead.stop();
        }
    }

    @Test
    void anEntitlementOfAnOrganizationNotKnownYetIsKept() {
        UUID unknown = UUID.randomUUID();

        produce(unknown, entitlement(unknown, "SUSPENDED", 7));

        awaitStoredVersion(unknown, 7);
        assertThat(storedState(unknown)).isEqualTo("SUSPENDED");
    }

    /** A contract-valid {@code EntitlementChanged} snapshot, as billing-service publishes it. */
    private String entitlement(UUID organization, String state, long version) {
        ObjectNode data = mapper.createObjectNode()
                .put("organizationId", organization.toString())
                .put("state", state)
                .put("mcpAccess", !List.of("SUSPENDED", "CANCELED").contains(state))
                .put("reason", "billing test: " + state)
                .putNull("validUntil")
                .put("version", version)
                .put("changedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        String value = codec.encode(CloudEvent.create("com.hostmcp.billing.EntitlementChanged.v1", "/billing-service",
                organization.toString(), data));
        EventContracts.assertValid(value);
        return value;
    }

    /**
     * In order, on the organization's partition, as billing-service keys them. The consumer takes a record only after
     * the previous one is done, its e-mail included; so once the last record's version is stored, every earlier mail
     * has been sent. Tests therefore end with a record that sends none.
     */
    private void produce(UUID organization, String... values) {
        List<ProducerRecord<String, String>> records = List.of(values).stream()
                .map(value -> new ProducerRecord<>(TOPIC, organization.toString(), value)).toList();
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    private void awaitStoredVersion(UUID organization, long version) {
        await().atMost(WAIT).until(() -> stored(organization) != null && stored(organization).getLong("version") == version);
    }

    private String storedState(UUID organization) {
        return stored(organization).getString("state");
    }

    private Row stored(UUID organization) {
        var rows = pool.preparedQuery("SELECT state, version FROM tenant.organization_entitlements WHERE organization_id = $1")
                .execute(Tuple.of(organization)).await().atMost(WAIT).iterator();
        return rows.hasNext() ? rows.next() : null;
    }
}
