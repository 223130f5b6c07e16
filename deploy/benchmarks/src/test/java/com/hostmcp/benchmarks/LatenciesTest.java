package com.hostmcp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverAllSamples() {
        Latencies latencies = new Latencies();
        for (long i = 1_000; i >= 1; i--) {
            latencies.record(i * 1_000_000);
        }
        assertThat(latencies.count()).isEqualTo(1_000);
        assertThat(latencies.percentile(50)).isEqualTo(500_000_000L);
        assertThat(latencies.percentile(99)).isEqualTo(990_000_000L);
        assertThat(latencies.percentile(100)).isEqualTo(latencies.max()).isEqualTo(1_000_000_000L);
        assertThat(latencies.summary()).startsWith("p50 500.00 ms, p95 950.00 ms, p99 990.00 ms").endsWith("(n=1000)");
    }

    @Test
    void noSamplesGiveZeroAndImpossiblePercentilesAreRefused() {
        Latencies latencies = new Latencies();
        assertThat(latencies.percentile(99)).isZero();
        assertThatThrownBy(() -> latencies.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
