package com.hostmcp.gateway.hostaway;

import static com.hostmcp.gateway.hostaway.TestOrganizations.await;
import static com.hostmcp.gateway.hostaway.TestOrganizations.connected;
import static com.hostmcp.gateway.hostaway.TestOrganizations.listingOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.newAccount;
import static com.hostmcp.gateway.hostaway.TestOrganizations.secretOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.standIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.OrganizationState;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Access tokens: cached per account, shared by concurrent callers, replaced when refused or when the secret changes. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class HostawayTokensTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaCompanion companion;

    @Inject
    HostawayAccounts accounts;

    @BeforeAll
    static void connectKafka() {
        companion = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
    }

    @AfterAll
    static void disconnectKafka() {
        companion.close();
    }

    @Test
    void oneTokenServesEveryCallOfTheAccount() {
        long account = newAccount();
        HostawayCallStats stats = new HostawayCallStats();
        HostawayOperations operations = operations(account, stats);

        for (int n = 1; n <= 3; n++) {
            await(operations.getListing(listingOf(account, n)));
        }

        assertThat(standIn().requestCount(account)).isEqualTo(1 + 3);
        assertThat(stats.calls()).isEqualTo(1 + 3);
    }

    @Test
    void concurrentFirstCallsShareOneTokenRequest() {
        long account = newAccount();
        HostawayOperations operations = operations(account, new HostawayCallStats());

        List<Uni<ObjectNode>> calls = IntStream.rangeClosed(1, 6)
                .mapToObj(n -> operations.getListing(listingOf(account, 1 + n % 3))).toList();
        await(Uni.join().all(calls).andFailFast());

        assertThat(standIn().requestCount(account)).isEqualTo(1 + 6);
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheCallSucceeds() {
        long account = newAccount();
        UUID organizationId = UUID.randomUUID();
        OrganizationState organization = connected(organizationId, account, secretOf(account));
        await(accounts.forOrganization(organizationId, organization, new HostawayCallStats())
                .getListing(listingOf(account, 1)));
        standIn().revokeTokens(account);
        int before = standIn().requestCount(account);

        HostawayCallStats stats = new HostawayCallStats();
        await(accounts.forOrganization(organizationId, organization, stats).getListing(listingOf(account, 2)));

        // the refused GET, the token request, the repeated GET
        assertThat(stats.calls()).isEqualTo(3);
        assertThat(stats.lastStatus()).isEqualTo(200);
        // the stand-in attributes a request with a revoked token to no account: only the token request and the GET
        assertThat(standIn().requestCount(account) - before).isEqualTo(2);
    }

    @Test
    void aReplacedSecretNeverReusesTheTokenOfTheOldOne() {
        long account = newAccount();
        UUID organizationId = UUID.randomUUID();
        await(accounts.forOrganization(organizationId, connected(organizationId, account, secretOf(account)),
                new HostawayCallStats()).getListing(listingOf(account, 1)));
        // the stand-in keeps accepting the old token, so reusing it would go unnoticed without this check
        standIn().rotateSecret(account, secretOf(account) + "-rotated");
        int before = standIn().requestCount(account);

        HostawayCallStats stats = new HostawayCallStats();
        await(accounts.forOrganization(organizationId,
                connected(organizationId, account, secretOf(account) + "-rotated"), stats)
                .getListing(listingOf(account, 1)));

        assertThat(stats.calls()).isEqualTo(2);
        assertThat(standIn().requestCount(account) - before).isEqualTo(2);
    }

    @Test
    void aSecretHostawayNoLongerAcceptsIsRejectedAndReportedOnceOnKafka() throws Exception {
        long account = newAccount();
        UUID organizationId = UUID.randomUUID();
        OrganizationState organization = connected(organizationId, account, secretOf(account));
        await(accounts.forOrganization(organizationId, organization, new HostawayCallStats())
                .getListing(listingOf(account, 1)));
        ConsumerTask<String, String> reports = companion.consumeStrings().fromTopics(
                CredentialFailureReporter.TOPIC, records -> records.filter(r -> organizationId.toString().equals(
                        r.key())));
        try {
            standIn().rotateSecret(account, secretOf(account) + "-rotated");
            standIn().revokeTokens(account);

            HostawayCallStats stats = new HostawayCallStats();
            HostawayOperations operations = accounts.forOrganization(organizationId, organization, stats);
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> await(operations.getListing(listingOf(account, 2))))
                        .isInstanceOf(HostawayException.CredentialsRejected.class)
                        .hasMessageContaining("Hostaway refused this organization's credentials")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secretOf(account)));
            }
            // each call: the refused GET and the refused token request
            assertThat(stats.calls()).isEqualTo(4);
            assertThat(stats.lastStatus()).isEqualTo(403);

            reports.awaitRecords(1, Duration.ofSeconds(20));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> reports.count() == 1);
            ConsumerRecord<String, String> report = reports.getFirstRecord();
            assertThat(report.headers().toArray()).isEmpty();
            EventContracts.assertValid(report.value());
            JsonNode event = MAPPER.readTree(report.value());
            assertThat(event.path("type").asText()).isEqualTo("com.hostmcp.hostaway.HostawayCredentialsRejected.v1");
            assertThat(event.path("source").asText()).isEqualTo("/mcp-gateway");
            assertThat(event.path("subject").asText()).isEqualTo(organizationId.toString());
            assertThat(event.at("/data/accountId").asText()).isEqualTo(String.valueOf(account));
            assertThat(event.at("/data/httpStatus").asInt()).isEqualTo(403);
            assertThat(event.at("/data/detectedBy").asText()).isEqualTo("mcp-gateway");
            assertThat(report.value()).doesNotContain(secretOf(account)).doesNotContain(
                    organization.encryptedCredentials());
        } finally {
            reports.close();
        }
    }

    private HostawayOperations operations(long account, HostawayCallStats stats) {
        UUID organizationId = UUID.randomUUID();
        return accounts.forOrganization(organizationId, connected(organizationId, account, secretOf(account)), stats);
    }
}
