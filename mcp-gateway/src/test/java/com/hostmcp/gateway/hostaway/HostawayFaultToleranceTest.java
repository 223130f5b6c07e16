package com.hostmcp.gateway.hostaway;

import static com.hostmcp.gateway.hostaway.TestOrganizations.await;
import static com.hostmcp.gateway.hostaway.TestOrganizations.bind;
import static com.hostmcp.gateway.hostaway.TestOrganizations.listingOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.newAccount;
import static com.hostmcp.gateway.hostaway.TestOrganizations.secretOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.standIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.hostaway.HostawayOperations.ConversationQuery;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retries, the per-account circuit breaker and the final failure types, with failures injected by the stand-in. Each
 * test uses an account of its own, so that no circuit or token is shared with another test.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class HostawayFaultToleranceTest {

    @Inject
    HostawayAccounts accounts;
    @Inject
    MeterRegistry registry;

    @Test
    void a503IsRetriedAndTheCallSucceeds() {
        long account = newAccount();
        HostawayCallStats stats = new HostawayCallStats();
        HostawayOperations operations = bind(accounts, account, secretOf(account), stats);
        standIn().failNext(account, 2, 503);

        assertThat(await(operations.getListing(listingOf(account, 1))).path("id").asLong())
                .isEqualTo(listingOf(account, 1));
        // token request, two 503s, the successful GET
        assertThat(stats.calls()).isEqualTo(4);
        assertThat(stats.lastStatus()).isEqualTo(200);
    }

    @Test
    void a429FromHostawayIsRetriedAndTheCallSucceeds() {
        long account = newAccount();
        HostawayCallStats stats = new HostawayCallStats();
        HostawayOperations operations = bind(accounts, account, secretOf(account), stats);
        standIn().failNext(account, 1, 429);

        await(operations.getListing(listingOf(account, 2)));
        assertThat(stats.calls()).isEqualTo(3);
        assertThat(stats.lastStatus()).isEqualTo(200);
    }

    @Test
    void persistent429sEndAsRateLimitedWithSecondsToWait() {
        long account = newAccount();
        HostawayOperations operations = bind(accounts, account, secretOf(account), new HostawayCallStats());
        standIn().failNext(account, 100, 429);

        assertThatThrownBy(() -> await(operations.getListing(listingOf(account, 1))))
                .isInstanceOfSatisfying(HostawayException.RateLimited.class,
                        e -> assertThat(e.retryAfterSeconds()).isPositive())
                .hasMessageContaining("GET /v1/listings/" + listingOf(account, 1));
        standIn().failNext(account, 0, 429);
    }

    @Test
    void persistent5xxEndsAsUnavailableAndOpensTheCircuitOfThatAccountOnly() {
        long failing = newAccount();
        long healthy = newAccount();
        HostawayOperations broken = bind(accounts, failing, secretOf(failing), new HostawayCallStats());
        HostawayOperations working = bind(accounts, healthy, secretOf(healthy), new HostawayCallStats());
        double opensBefore = registry.counter("hostmcp.hostaway.circuit-breaker.opens").count();
        standIn().failNext(failing, 1000, 500);

        assertThatThrownBy(() -> await(broken.getListing(listingOf(failing, 1))))
                .isInstanceOf(HostawayException.Unavailable.class)
                .hasMessageStartingWith("GET /v1/listings/" + listingOf(failing, 1) + ": ");
        int sentWhileFailing = standIn().requestCount(failing);

        // the open circuit refuses without asking Hostaway
        assertThatThrownBy(() -> await(broken.getListing(listingOf(failing, 2))))
                .isInstanceOfSatisfying(HostawayException.Unavailable.class,
                        e -> assertThat(e.retryAfterSeconds()).isPositive())
                .hasMessageContaining("calls are paused");
        assertThat(standIn().requestCount(failing)).isEqualTo(sentWhileFailing);
        assertThat(registry.counter("hostmcp.hostaway.circuit-breaker.opens").count()).isGreaterThan(opensBefore);

        assertThat(await(working.getListing(listingOf(healthy, 1))).path("id").asLong())
                .isEqualTo(listingOf(healthy, 1));
        standIn().failNext(failing, 0, 500);
    }

    @Test
    void aMessageIsNotSentAgainAfterA5xx() {
        long account = newAccount();
        HostawayOperations operations = bind(accounts, account, secretOf(account), new HostawayCallStats());
        long conversation = firstConversation(operations);
        int messagesBefore = await(operations.listMessages(conversation, 100, 0)).count();
        int requestsBefore = standIn().requestCount(account);
        standIn().failNext(account, 1, 500);

        assertThatThrownBy(() -> await(operations.sendMessage(conversation, "See you tomorrow!", "email")))
                .isInstanceOf(HostawayException.Unavailable.class)
                .hasMessageStartingWith("POST /v1/conversations/" + conversation + "/messages: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("See you tomorrow"));

        assertThat(standIn().requestCount(account) - requestsBefore).isEqualTo(1);
        assertThat(await(operations.listMessages(conversation, 100, 0)).count()).isEqualTo(messagesBefore);
    }

    @Test
    void aMessageRefusedWith429IsSentAgain() {
        long account = newAccount();
        HostawayOperations operations = bind(accounts, account, secretOf(account), new HostawayCallStats());
        long conversation = firstConversation(operations);
        int messagesBefore = await(operations.listMessages(conversation, 100, 0)).count();
        standIn().failNext(account, 1, 429);

        await(operations.sendMessage(conversation, "The pool is open until 10 pm.", "email"));

        assertThat(await(operations.listMessages(conversation, 100, 0)).count()).isEqualTo(messagesBefore + 1);
    }

    private static long firstConversation(HostawayOperations operations) {
        return await(operations.listConversations(new ConversationQuery(1, 0, null))).result().get(0).path("id")
                .asLong();
    }
}
