package com.hostmcp.benchmarks;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The gateway's authentication of one request, measured with JMH ({@link KeyVerificationJmh}) in one forked JVM with
 * short warm-up and measurement so that it fits its minute; needs no running platform.
 */
public final class KeyVerificationBenchmark implements Benchmark {

    static final String ID = "key-verification";
    /** The target for verifying one key. */
    private static final double TARGET_NANOS = 5_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "API key verification (JMH, " + KeyVerificationJmh.ACTIVE_KEYS + " active keys): checksum, SHA-256,"
                + " projection lookup";
    }

    @Override
    public void run(Stack stack, Report report) throws Exception {
        Options options = new OptionsBuilder().include("^" + KeyVerificationJmh.class.getName().replace(".", "\\.")
                + "\\.").forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(4)
                .measurementTime(TimeValue.seconds(1)).threads(1).shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT).build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran no benchmark (is META-INF/BenchmarkList in target/classes?)");
        }
        for (RunResult run : results) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            Result<?> score = run.getPrimaryResult();
            boolean whole = method.startsWith("authenticate");
            report.row(ID, method + (whole ? " (well-formed check + SHA-256 + lookup)" : ""), String.format(
                    "%.0f ± %.0f ns/op", score.getScore(), score.getScoreError()),
                    whole
                            ? "< " + TimeUnit.NANOSECONDS.toMicros((long) TARGET_NANOS) + " µs"
                            : "");
            if (whole && score.getScore() >= TARGET_NANOS) {
                System.out.println("!!! key verification " + method + " takes " + score.getScore() + " ns");
            }
        }
        report.note(ID, "1 fork, 2 x 1 s warm-up, 4 x 1 s measurement per method, average time; the filter's rate"
                + " limit buckets and session check are not part of it");
    }
}
