package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostawayRateLimitTest {

    private static final String RATE_LIMIT_BODY = "{\"status\":\"fail\",\"message\":\"This error occurs because a server"
            + " detects that your application has exceeded the rate limits or has made too many requests in a given"
            + " period of time.\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private HostawayStandIn standIn;
    private HostawayTestClient client;

    @BeforeEach
    void start() {
        standIn = HostawayStandIn.start(HostawayStandInOptions.defaults().withClock(clock));
        client = new HostawayTestClient(standIn);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void the21stRequestWithinTenSecondsFromOneAccountGets429WhileAnotherAccountStillGets200() throws Exception {
        String small = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        String medium = client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);
        for (int i = 1; i <= 20; i++) {
            assertThat(client.get(small, "/v1/listings?limit=1").status()).as("request %d", i).isEqualTo(200);
        }

        HostawayTestClient.Response limited = client.get(small, "/v1/listings?limit=1");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json()).isEqualTo(HostawayTestClient.MAPPER.readTree(RATE_LIMIT_BODY));
        assertThat(limited.json().has("result")).isFalse();
        assertThat(client.get(medium, "/v1/listings?limit=1").status()).isEqualTo(200);
        assertThat(standIn.requestCount(HostawaySeedAccounts.SMALL_ACCOUNT_ID)).isEqualTo(1 + 21);
    }

    @Test
    void theAccountMayCallAgainOnceTheWindowHasSlidPast() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        for (int i = 0; i < 20; i++) {
            client.get(token, "/v1/listings?limit=1");
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(client.get(token, "/v1/listings?limit=1").status()).isEqualTo(429);

        clock.advance(Duration.ofMillis(8_000)); // the first request of the window is now 10 s old

        assertThat(client.get(token, "/v1/listings?limit=1").status()).isEqualTo(200);
        assertThat(client.get(token, "/v1/listings?limit=1").status()).isEqualTo(429);
    }

    @Test
    void tokenRequestsDoNotCountAgainstTheAccountLimit() {
        for (int i = 0; i < 25; i++) {
            assertThat(client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID, HostawaySeedAccounts.SMALL_SECRET)
                    .status()).isEqualTo(200);
        }
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        assertThat(client.get(token, "/v1/listings").status()).isEqualTo(200);
    }

    @Test
    void resetClearsTheRateLimitWindows() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        for (int i = 0; i < 20; i++) {
            client.get(token, "/v1/listings?limit=1");
        }
        assertThat(client.get(token, "/v1/listings?limit=1").status()).isEqualTo(429);

        standIn.reset();

        String fresh = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        assertThat(client.get(fresh, "/v1/listings?limit=1").status()).isEqualTo(200);
    }

    @Test
    void theOptionalPerIpLimitCountsTokenRequestsAndAllAccounts() {
        try (HostawayStandIn perIp = HostawayStandIn
                .start(HostawayStandInOptions.defaults().withPerIpLimit(15).withClock(clock))) {
            HostawayTestClient c = new HostawayTestClient(perIp);
            String small = c.token(HostawaySeedAccounts.ACCOUNT_SMALL);
            String medium = c.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);
            for (int i = 0; i < 13; i++) {
                assertThat(c.get(i % 2 == 0 ? small : medium, "/v1/listings?limit=1").status()).isEqualTo(200);
            }

            HostawayTestClient.Response limited = c.requestToken(HostawaySeedAccounts.LARGE_ACCOUNT_ID,
                    HostawaySeedAccounts.LARGE_SECRET);

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("message").asText()).contains("exceeded the rate limits");
            clock.advance(Duration.ofSeconds(10));
            assertThat(c.get(small, "/v1/listings?limit=1").status()).isEqualTo(200);
        }
    }
}
