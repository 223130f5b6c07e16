package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretMatcherTest {

    /** Built at run time, so that no secret-looking value is in the repository. */
    private static final String WEBHOOK_SECRET = "wh" + "sec_" + "x".repeat(20);
    private final SecretMatcher matcher = new SecretMatcher(Map.of("guest e-mail",
            List.of("maria.garcia.4711@guest.example", "james.smith.12@guest.example"), "webhook secret",
            List.of(WEBHOOK_SECRET)));

    @Test
    void findsAKnownValueAnywhereInTheTextAndNamesItsKindButNotItsValue() {
        List<String> hits = matcher.hits("{\"to\":\"Maria.Garcia.4711@guest.example\",\"x\":1}\nsecret="
                + WEBHOOK_SECRET + "!");

        assertThat(hits).containsExactly("guest e-mail #1", "webhook secret #1");
        assertThat(String.join(" ", hits)).doesNotContain("maria", WEBHOOK_SECRET);
    }

    @Test
    void findsEveryFullApiKeyEvenOneItWasNotGiven() {
        String key = "hmcp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";

        assertThat(matcher.hits("X-API-Key: " + key)).containsExactly("API key");
        assertThat(matcher.hits("a log line with " + key + " and " + key)).hasSize(2);
    }

    @Test
    void ignoresTheKeysDisplayHintHashesAndNearMisses() {
        assertThat(matcher.hits("key hmcp_\u2026n4Xy, hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,"
                + " maria.garcia.4711@guest.exampl, hmcp_short, james.smith.12@guest")).isEmpty();
    }

    @Test
    void refusesNeedlesTooShortToBeTellingAndCountsTheOthers() {
        assertThat(matcher.size()).isEqualTo(3);
        assertThatThrownBy(() -> new SecretMatcher(Map.of("password", List.of("abc"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("abc");
    }
}
