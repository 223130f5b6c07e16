package com.hostmcp.tenant.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void secondsAreTakenAsTheyAre() {
        assertThat(HostawayUnavailableException.retryAfterSeconds("30")).isEqualTo(30);
    }

    @Test
    void anHttpDateBecomesTheSecondsUntilThen() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));

        assertThat(HostawayUnavailableException.retryAfterSeconds(inTwoMinutes)).isBetween(110, 120);
    }

    @Test
    void valuesAreKeptBetweenOneSecondAndOneHour() {
        assertThat(HostawayUnavailableException.retryAfterSeconds("0")).isEqualTo(1);
        assertThat(HostawayUnavailableException.retryAfterSeconds("86400")).isEqualTo(3600);
    }

    @Test
    void aMissingOrUnreadableHeaderGivesTheDefault() {
        assertThat(HostawayUnavailableException.retryAfterSeconds(null)).isEqualTo(10);
        assertThat(HostawayUnavailableException.retryAfterSeconds("soon")).isEqualTo(10);
    }
}
