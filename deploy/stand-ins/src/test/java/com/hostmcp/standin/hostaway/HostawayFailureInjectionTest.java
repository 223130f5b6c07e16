package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayFailureInjectionTest extends UnthrottledStandInTest {

    @Test
    void failNextInjectsA503OnceAndThenAnswersNormally() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        String other = client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);

        standIn.failNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 1, 503);

        assertThat(client.get(other, "/v1/listings").status()).isEqualTo(200);
        HostawayTestClient.Response failed = client.get(token, "/v1/listings");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("status").asText()).isEqualTo("fail");
        assertThat(client.get(token, "/v1/listings").status()).isEqualTo(200);
    }

    @Test
    void failNextCanInjectSeveralFailuresAndTokenRequestsAreNotAffected() {
        standIn.failNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 2, 500);

        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);

        assertThat(client.get(token, "/v1/reservations").status()).isEqualTo(500);
        assertThat(client.get(token, "/v1/reservations").status()).isEqualTo(500);
        assertThat(client.get(token, "/v1/reservations").status()).isEqualTo(200);
    }

    @Test
    void delayNextAnswersNormallyButOnlyAfterTheDelay() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        standIn.delayNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 1, Duration.ofMillis(700));

        long started = System.nanoTime();
        HostawayTestClient.Response slow = client.get(token, "/v1/listings");
        long slowMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HostawayTestClient.Response next = client.get(token, "/v1/listings");
        long nextMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.json().get("status").asText()).isEqualTo("success");
        assertThat(slowMillis).isGreaterThanOrEqualTo(700);
        assertThat(next.status()).isEqualTo(200);
        assertThat(nextMillis).isLessThan(700);
    }

    @Test
    void malformNextAnswers200WithABodyThatIsNotJson() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        standIn.malformNext(HostawaySeedAccounts.SMALL_ACCOUNT_ID, 1);

        HostawayTestClient.Response malformed = client.get(token, "/v1/listings");

        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.contentType()).startsWith("application/json");
        assertThatThrownBy(malformed::json).isInstanceOf(UncheckedIOException.class);
        assertThat(client.get(token, "/v1/listings").json().get("status").asText()).isEqualTo("success");
    }

    @Test
    void receivedRequestsListEveryTargetAsSentUntilReset() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        client.get(token, "/v1/listings?city=..%2F..%2Fv1%2Fusers");
        client.get(token, "/v1/users/../listings");

        assertThat(standIn.receivedRequests()).containsExactly("POST /v1/accessTokens",
                "GET /v1/listings?city=..%2F..%2Fv1%2Fusers", "GET /v1/users/../listings");

        standIn.reset();
        assertThat(standIn.receivedRequests()).isEmpty();
    }

    @Test
    void requestCountsTellHowManyUpstreamCallsAnAccountMade() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        client.get(token, "/v1/listings");
        client.get(token, "/v1/reservations");
        client.get(client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM), "/v1/listings");

        assertThat(standIn.requestCount(HostawaySeedAccounts.SMALL_ACCOUNT_ID)).isEqualTo(3);
        assertThat(standIn.requestCount(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID)).isEqualTo(2);
        assertThat(standIn.requestCount(HostawaySeedAccounts.LARGE_ACCOUNT_ID)).isZero();

        standIn.reset();
        assertThat(standIn.requestCount(HostawaySeedAccounts.SMALL_ACCOUNT_ID)).isZero();
    }

    @Test
    void concurrentClientsOfDifferentAccountsOnlySeeTheirOwnData() throws Exception {
        List<HostawayAccount> accounts = HostawaySeedAccounts.ALL;
        List<String> tokens = new ArrayList<>();
        for (HostawayAccount account : accounts) {
            tokens.add(client.token(account));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int a = i % 3;
                int n = i;
                results.add(pool.submit(() -> {
                    String token = tokens.get(a);
                    long accountId = accounts.get(a).accountId();
                    if (n % 4 == 0) {
                        HostawayTestClient.Response sent = client.send("PUT", token,
                                "/v1/listings/" + accounts.get(a).listingId(1), "{\"internalListingName\":\"t" + n
                                        + "\"}");
                        return sent.status() == 200;
                    }
                    JsonNode page = client.get(token, "/v1/reservations?limit=20&offset=" + n).json();
                    for (JsonNode r : page.get("result")) {
                        if (r.get("id").asLong() / 100_000 != accountId) {
                            return false;
                        }
                    }
                    return "success".equals(page.get("status").asText());
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
