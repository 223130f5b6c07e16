package com.hostmcp.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.hostmcp.gateway.ActiveKey;
import com.hostmcp.gateway.projection.ApiKeyProjection;
import com.hostmcp.gateway.projection.KeyProjectionLoader;
import com.hostmcp.security.ApiKeyFormat;

/**
 * JMH measurements of the gateway's key check ({@code McpAccessFilter}): the checksum test, the SHA-256 and the
 * lookup in the key projection holding {@link #ACTIVE_KEYS} active keys, and the three in the filter's order for a
 * known and an unknown (well-formed, never issued) key. Run by {@link KeyVerificationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyVerificationJmh {

    static final int ACTIVE_KEYS = 100_000;

    private ApiKeyProjection projection;
    private String[] known;
    private String[] knownHashes;
    private String unknown;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        List<String> keys = new ArrayList<>(ACTIVE_KEYS);
        for (int i = 0; i < ACTIVE_KEYS; i++) {
            keys.add(ApiKeyFormat.generate());
        }
        projection = KeyProjectionLoader.load(keys);
        // many different keys, so that the lookups do not all hit one cached entry
        known = keys.subList(0, 1024).toArray(String[]::new);
        knownHashes = keys.subList(0, 1024).stream().map(ApiKeyFormat::sha256Hex).toArray(String[]::new);
        unknown = ApiKeyFormat.generate();
    }

    private int nextIndex() {
        next = (next + 1) & 1023;
        return next;
    }

    @Benchmark
    public boolean isWellFormed() {
        return ApiKeyFormat.isWellFormed(known[nextIndex()]);
    }

    @Benchmark
    public String sha256Hex() {
        return ApiKeyFormat.sha256Hex(known[nextIndex()]);
    }

    @Benchmark
    public Optional<ActiveKey> findByHash() {
        return projection.findByHash(knownHashes[nextIndex()]);
    }

    @Benchmark
    public Optional<ActiveKey> authenticateKnownKey() {
        return authenticate(known[nextIndex()]);
    }

    @Benchmark
    public Optional<ActiveKey> authenticateUnknownKey() {
        return authenticate(unknown);
    }

    /** What McpAccessFilter does with a presented key. */
    private Optional<ActiveKey> authenticate(String presented) {
        return Optional.of(presented).filter(ApiKeyFormat::isWellFormed)
                .flatMap(value -> projection.findByHash(ApiKeyFormat.sha256Hex(value)));
    }
}
