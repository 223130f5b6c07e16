package com.hostmcp.tenant.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.service.CredentialsInvalidatedNotice;
import com.hostmcp.tenant.service.HostawayCredentialService;
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
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * When Hostaway stops accepting an organization's credentials, each of its owners gets one e-mail, nobody else, also
 * when the failure report arrives twice.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class CredentialNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FAILURES = "hostaway.credential-failures.v1";
    private static final String SMALL = String.valueOf(HostawaySeedAccounts.SMALL_ACCOUNT_ID);

    @Inject
    OrganizationService organizations;
    @Inject
    MemberService members;
    @Inject
    Event<CredentialsInvalidatedNotice> notices;
    @Inject
    MockMailbox mailbox;
    @Inject
    HostawayCredentialService credentials;
    @Inject
    CloudEventCodec codec;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    @Test
    void invalidCredentialsAreMailedOnceToEachOwnerAndToNobodyElse() {
        String owner = "owner-" + UUID.randomUUID();
        UUID organizationId = organizations.createOrGet(owner, owner + "@example.com", "Dune Cottages").await()
                .atMost(WAIT).organization().id();
        String secondOwner = invite(organizationId, owner, MemberRole.OWNER);
        String admin = invite(organizationId, owner, MemberRole.ADMIN);
        String member = invite(organizationId, owner, MemberRole.MEMBER);

        notices.fire(new CredentialsInvalidatedNotice(organizationId, "80001", "Hostaway answered 403 to a token request"));

        await().atMost(WAIT).until(() -> !mailbox.getMailsSentTo(owner + "@example.com").isEmpty()
                && !mailbox.getMailsSentTo(secondOwner).isEmpty());
        for (String address : List.of(owner + "@example.com", secondOwner)) {
            List<Mail> mails = mailbox.getMailsSentTo(address);
            assertThat(mails).as("mails to %s", address).hasSize(1);
            Mail mail = mails.get(0);
            assertThat(mail.getTo()).containsExactly(address);
            assertThat(mail.getSubject()).isEqualTo("Reconnect your Hostaway account");
            assertThat(mail.getText()).contains("80001", "Dune Cottages", "Hostaway answered 403 to a token request");
        }
        // all owners are mailed in one go, so anyone else would have been mailed by now
        assertThat(mailbox.getMailsSentTo(admin)).isEmpty();
        assertThat(mailbox.getMailsSentTo(member)).isEmpty();
    }

    @Test
    void aCredentialFailureDeliveredTwiceOnKafkaMailsTheOwnerOnce() {
        HostawayStandInResource.standIn().reset();
        String owner = "owner-" + UUID.randomUUID();
        UUID organizationId = organizations.createOrGet(owner, owner + "@example.com", "Bay Villas").await()
                .atMost(WAIT).organization().id();
        credentials.connect(organizationId, owner, SMALL, HostawaySeedAccounts.SMALL_SECRET).await().atMost(WAIT);
        String rejection = rejection(organizationId, SMALL);
        // a report about an account the organization does not use: consumed after the others, changes nothing
        String laterNoOp = rejection(organizationId, "999999");

        try (KafkaCompanion kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers())) {
            kafka.produceStrings().fromRecords(Stream.of(rejection, rejection, laterNoOp)
                    .map(value -> new ProducerRecord<>(FAILURES, organizationId.toString(), value)).toList())
                    .awaitCompletion(WAIT);
        }
        await().atMost(WAIT).until(() -> processed(laterNoOp) && !mailbox.getMailsSentTo(owner + "@example.com").isEmpty());

        List<Mail> mails = mailbox.getMailsSentTo(owner + "@example.com");
        assertThat(mails).extracting(Mail::getSubject).containsExactly("Reconnect your Hostaway account");
        assertThat(mails.get(0).getText()).contains(SMALL).doesNotContain(HostawaySeedAccounts.SMALL_SECRET);
    }

    /** A contract-valid report from sync-service that Hostaway refused a token for {@code accountId}. */
    private String rejection(UUID organizationId, String accountId) {
        ObjectNode data = mapper.createObjectNode()
                .put("organizationId", organizationId.toString())
                .put("accountId", accountId)
                .put("httpStatus", 401)
                .put("detectedBy", "sync-service")
                .put("reason", "POST /v1/accessTokens returned 401 invalid_client")
                .put("detectedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        String value = codec.encode(CloudEvent.create("com.hostmcp.hostaway.HostawayCredentialsRejected.v1",
                "/sync-service", organizationId.toString(), data));
        EventContracts.assertValid(value);
        return value;
    }

    /** Whether the credential-failure consumer has committed the event (records of one organization go in order). */
    private boolean processed(String event) throws Exception {
        String id = mapper.readTree(event).get("id").asText();
        return pool.preparedQuery("SELECT count(*) FROM tenant.processed_events WHERE event_id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getLong(0) == 1;
    }

    private String invite(UUID organizationId, String owner, MemberRole role) {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        members.add(organizationId, owner, email, role).await().atMost(WAIT);
        return email;
    }
}
