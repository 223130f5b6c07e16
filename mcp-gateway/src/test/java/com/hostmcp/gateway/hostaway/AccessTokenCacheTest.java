package com.hostmcp.gateway.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.hostmcp.gateway.hostaway.AccessTokenCache.AccessToken;

import io.smallrye.mutiny.Uni;

class AccessTokenCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aTokenRequestThatCompletesAtOnceIsServedAndCached() {
        var cache = new AccessTokenCache();
        var requests = new AtomicInteger();
        long now = System.nanoTime();
        var token = new AccessToken("t1", "cipher-a", now, now + Duration.ofHours(1).toNanos());

        AccessToken first = cache.get("cipher-a", null, () -> {
            requests.incrementAndGet();
            return Uni.createFrom().item(token);
        }).await().atMost(WAIT);
        AccessToken second = cache.get("cipher-a", null, () -> {
            requests.incrementAndGet();
            return Uni.createFrom().item(token);
        }).await().atMost(WAIT);

        assertThat(first).isSameAs(token);
        assertThat(second).isSameAs(token);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aRejectedTokenOrOtherCredentialsStartANewRequest() {
        var cache = new AccessTokenCache();
        long now = System.nanoTime();
        var old = new AccessToken("t1", "cipher-a", now, now + Duration.ofHours(1).toNanos());
        var renewed = new AccessToken("t2", "cipher-a", now, now + Duration.ofHours(1).toNanos());
        var replaced = new AccessToken("t3", "cipher-b", now, now + Duration.ofHours(1).toNanos());
        cache.get("cipher-a", null, () -> Uni.createFrom().item(old)).await().atMost(WAIT);

        assertThat(cache.get("cipher-a", old, () -> Uni.createFrom().item(renewed)).await().atMost(WAIT))
                .isSameAs(renewed);
        assertThat(cache.get("cipher-b", null, () -> Uni.createFrom().item(replaced)).await().atMost(WAIT))
                .isSameAs(replaced);
    }

    @Test
    void waitsBecomeTimerDelaysOfAtLeastOneWholeMillisecond() {
        assertThat(AccessTokenCache.timerDelay(1)).isEqualTo(Duration.ofMillis(1));
        assertThat(AccessTokenCache.timerDelay(999_999)).isEqualTo(Duration.ofMillis(1));
        assertThat(AccessTokenCache.timerDelay(1_000_001)).isEqualTo(Duration.ofMillis(2));
        assertThat(AccessTokenCache.timerDelay(2_500_000_000L)).isEqualTo(Duration.ofMillis(2_500));
    }
}
