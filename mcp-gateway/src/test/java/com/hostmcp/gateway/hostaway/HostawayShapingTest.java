package com.hostmcp.gateway.hostaway;

import static com.hostmcp.gateway.hostaway.TestOrganizations.bind;
import static com.hostmcp.gateway.hostaway.TestOrganizations.listingOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.newAccount;
import static com.hostmcp.gateway.hostaway.TestOrganizations.secretOf;
import static com.hostmcp.gateway.hostaway.TestOrganizations.standIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Outbound shaping against the stand-in's real per-account limit (20 requests per sliding 10 s): the gateway queues
 * instead of provoking 429s, and refuses what would wait longer than its queue allows (12 s in tests).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class HostawayShapingTest {

    @Inject
    HostawayAccounts accounts;

    @Test
    void aBurstIsQueuedIntoTheNextWindowWithoutA429AndTheExcessIsRefusedWithSecondsToWait() {
        long account = newAccount();
        HostawayCallStats stats = new HostawayCallStats();
        HostawayOperations operations = bind(accounts, account, secretOf(account), stats);
        AtomicInteger succeeded = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> refused = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();

        for (int n = 0; n < 45; n++) {
            operations.getListing(listingOf(account, 1 + n % 3)).subscribe().with(listing -> succeeded
                    .incrementAndGet(), refused::add);
        }

        // 20 now, 20 in the next window; the last 5 would wait about 20 s and are refused at once
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.size() == 5 && succeeded.get() == 20);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
        assertThat(succeeded.get()).isEqualTo(20);
        assertThat(refused).allSatisfy(failure -> assertThat(failure)
                .isInstanceOfSatisfying(HostawayException.RateLimited.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(10L, 22L)));

        await().atMost(Duration.ofSeconds(20)).until(() -> succeeded.get() == 40);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        // one token request and one request per call: Hostaway never answered 429, nothing was retried
        assertThat(stats.calls()).isEqualTo(41);
        assertThat(standIn().requestCount(account)).isEqualTo(41);
    }
}
