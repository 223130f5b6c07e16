package com.hostmcp.benchmarks.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hostmcp.benchmarks.sync.RequestRate.Sample;

class RequestRateTest {

    private static final String METRICS = """
            # HELP hostaway_requests_total Hostaway requests
            # TYPE hostaway_requests_total counter
            hostaway_requests_total{call="access_token",status="200"} 12.0
            hostaway_requests_total{call="listings",status="200"} 30.0
            hostaway_requests_total{call="listings",status="429"} 2.0
            hostaway_requests_total_created{call="listings",status="200"} 1.7E9
            hostaway_limiter_wait_seconds_count 44.0
            """;

    @Test
    void counterSumsEverySeriesOfTheMetricOnly() {
        assertThat(RequestRate.counter(METRICS, "hostaway_requests_total", "")).isEqualTo(44.0);
    }

    @Test
    void counterKeepsOnlySeriesWithTheLabel() {
        assertThat(RequestRate.counter(METRICS, "hostaway_requests_total", "status=\"429\"")).isEqualTo(2.0);
        assertThat(RequestRate.counter(METRICS, "hostaway_requests_total", "call=\"access_token\"")).isEqualTo(12.0);
    }

    @Test
    void counterWithoutSeriesIsZero() {
        assertThat(RequestRate.counter("# nothing yet\n", "hostaway_requests_total", "")).isZero();
    }

    @Test
    void maxInWindowFindsTheBusiestTenSeconds() {
        // one request a second for 30 s, except a burst of 10 more between second 12 and 13
        List<Sample> samples = new ArrayList<>();
        double count = 0;
        for (int second = 0; second <= 30; second++) {
            count += second == 13 ? 11 : second == 0 ? 0 : 1;
            samples.add(new Sample(Duration.ofSeconds(second).toNanos(), count));
        }
        assertThat(RequestRate.maxInWindow(samples, Duration.ofSeconds(10).toNanos())).isEqualTo(20.0);
        assertThat(RequestRate.maxInWindow(samples, Duration.ofSeconds(1).toNanos())).isEqualTo(11.0);
    }

    @Test
    void maxInWindowOfASteadyPaceIsThePaceTimesTheWindow() {
        List<Sample> samples = new ArrayList<>();
        for (int tenth = 0; tenth <= 600; tenth++) {
            // 1.4 requests a second, sampled every 100 ms
            samples.add(new Sample(Duration.ofMillis(100L * tenth).toNanos(), Math.floor(tenth * 0.14)));
        }
        assertThat(RequestRate.maxInWindow(samples, Duration.ofSeconds(10).toNanos())).isBetween(13.0, 15.0);
        assertThat(RequestRate.maxInWindow(List.of(), Duration.ofSeconds(10).toNanos())).isZero();
    }
}
