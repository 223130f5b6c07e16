package com.hostmcp.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.tenant.Member;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.repository.MemberRepository;
import com.hostmcp.tenant.repository.TenantTransactions;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;

/**
 * The last-owner rule under concurrent requests: two owners of an organization acting at the same moment can never
 * leave it without an owner.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class MemberServiceConcurrencyTest {

    private static final int ROUNDS = 8;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    OrganizationService organizations;
    @Inject
    MemberService members;
    @Inject
    MemberRepository memberRepository;
    @Inject
    TenantTransactions transactions;

    /** An organization with two signed-in owners. */
    record TwoOwners(UUID organizationId, String first, UUID firstId, String second, UUID secondId) {
    }

    @Test
    void twoOwnersLeavingAtOnceLeaveOneOwnerBehind() {
        for (int round = 0; round < ROUNDS; round++) {
            TwoOwners org = twoOwners();

            List<String> outcomes = concurrently(
                    members.remove(org.organizationId(), org.first(), org.firstId()),
                    members.remove(org.organizationId(), org.second(), org.secondId()));

            assertThat(outcomes).containsExactlyInAnyOrder("done", "CONFLICT");
            assertThat(owners(org.organizationId())).isEqualTo(1);
        }
    }

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOneOwnerBehind() {
        for (int round = 0; round < ROUNDS; round++) {
            TwoOwners org = twoOwners();

            List<String> outcomes = concurrently(
                    members.remove(org.organizationId(), org.first(), org.secondId()),
                    members.remove(org.organizationId(), org.second(), org.firstId()));

            // the loser is no member any more by the time its turn comes
            assertThat(outcomes).containsExactlyInAnyOrder("done", "NOT_FOUND");
            assertThat(owners(org.organizationId())).isEqualTo(1);
        }
    }

    @Test
    void twoOwnersDemotingThemselvesAtOnceLeaveOneOwnerBehind() {
        for (int round = 0; round < ROUNDS; round++) {
            TwoOwners org = twoOwners();

            List<String> outcomes = concurrently(
                    members.changeRole(org.organizationId(), org.first(), org.firstId(), MemberRole.ADMIN),
                    members.changeRole(org.organizationId(), org.second(), org.secondId(), MemberRole.ADMIN));

            assertThat(outcomes).containsExactlyInAnyOrder("done", "CONFLICT");
            assertThat(owners(org.organizationId())).isEqualTo(1);
        }
    }

    private TwoOwners twoOwners() {
        String first = "owner-" + UUID.randomUUID();
        String second = "owner-" + UUID.randomUUID();
        UUID organizationId = organizations.createOrGet(first, first + "@example.com", "Twin Owners").await()
                .atMost(WAIT).organization().id();
        Member secondOwner = members.add(organizationId, first, second + "@example.com", MemberRole.OWNER).await()
                .atMost(WAIT);
        organizations.createOrGet(second, second + "@example.com", "Ignored").await().atMost(WAIT);
        UUID firstId = members.list(organizationId, first).await().atMost(WAIT).stream()
                .filter(member -> first.equals(member.subject())).findFirst().orElseThrow().id();
        return new TwoOwners(organizationId, first, firstId, second, secondOwner.id());
    }

    /** Starts both at once; each outcome is "done" or the kind of problem it ended with. */
    private static List<String> concurrently(Uni<?> one, Uni<?> other) {
        List<CompletableFuture<?>> started = Stream.of(one, other)
                .<CompletableFuture<?>> map(uni -> uni.subscribeAsCompletionStage().toCompletableFuture()).toList();
        return started.stream().map(future -> {
            try {
                future.join();
                return "done";
            } catch (CompletionException e) {
                if (e.getCause() instanceof TenantProblem problem) {
                    return problem.kind().name();
                }
                throw e;
            }
        }).toList();
    }

    private long owners(UUID organizationId) {
        return transactions.asService(tx -> memberRepository.countOwners(tx, organizationId)).await().atMost(WAIT);
    }
}
