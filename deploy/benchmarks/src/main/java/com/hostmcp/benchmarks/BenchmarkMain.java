package com.hostmcp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.hostmcp.benchmarks.propagation.PropagationBenchmark;
import com.hostmcp.benchmarks.sync.SyncBenchmark;
import com.hostmcp.benchmarks.usage.AuditIngestionBenchmark;
import com.hostmcp.benchmarks.usage.DashboardApiBenchmark;
import com.hostmcp.benchmarks.usage.UsageOrganization;

/**
 * Runs the benchmarks against the local platform {@code deploy/benchmarks/run} started, prints each figure as it is
 * measured, then the whole table, and writes it as Markdown:
 * {@code BenchmarkMain --state RUN/state.env --secrets DATA/secrets.env --out FILE [--only id,id]}.
 * Exit code 0 when every benchmark could be carried out, 1 otherwise (timings never fail the run).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Every benchmark, in the order they run: sync before the others connect their organizations (its scheduled run
     * covers every connected organization, so it stays the size asked for), and the gateway overhead after the load
     * has warmed the gateway up (JIT-compiled paths, as in production, not its first thousand calls).
     */
    static List<Benchmark> all() {
        UsageOrganization usage = new UsageOrganization();
        return List.of(new KeyVerificationBenchmark(), new SyncBenchmark(), new LoadBenchmark(),
                new GatewayOverheadBenchmark(), new PropagationBenchmark(), new AuditIngestionBenchmark(usage),
                new DashboardApiBenchmark(usage));
    }

    public static void main(String[] args) throws IOException {
        Path state = null;
        Path secrets = null;
        Path out = null;
        Set<String> only = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(value(args, ++i));
                case "--secrets" -> secrets = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--only" -> only.addAll(List.of(value(args, ++i).split(",")));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (state == null || secrets == null || out == null) {
            usage("--state, --secrets and --out are required");
        }
        List<Benchmark> selected = select(all(), only);
        Stack stack = Stack.load(state, secrets);
        Report report = new Report(System.out);
        Instant started = Instant.now();
        List<String> failed = new ArrayList<>();
        for (Benchmark benchmark : selected) {
            System.out.printf("%n== %s: %s%n", benchmark.id(), benchmark.title());
            long t0 = System.nanoTime();
            try {
                benchmark.run(stack, report);
            } catch (Exception | AssertionError e) {
                failed.add(benchmark.id());
                report.note(benchmark.id(), "could not be carried out: " + e);
                e.printStackTrace(System.out);
            }
            System.out.printf("   (%s took %d s)%n", benchmark.id(), Duration.ofNanos(System.nanoTime() - t0)
                    .toSeconds());
        }
        Duration took = Duration.between(started, Instant.now());
        String markdown = "Run " + started.truncatedTo(ChronoUnit.SECONDS) + ", benchmarks "
                + String.join(", ", selected.stream().map(Benchmark::id).toList()) + ", " + took.toSeconds() + " s.\n\n"
                + report.markdown();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown);
        System.out.printf("%n%s%nWritten to %s%n", markdown, out);
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    static List<Benchmark> select(List<Benchmark> benchmarks, Set<String> only) {
        if (only.isEmpty()) {
            return benchmarks;
        }
        List<String> known = benchmarks.stream().map(Benchmark::id).toList();
        for (String id : only) {
            if (!known.contains(id)) {
                usage("unknown benchmark " + id + " (known: " + String.join(", ", known) + ")");
            }
        }
        return benchmarks.stream().filter(benchmark -> only.contains(benchmark.id())).toList();
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            usage(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static void usage(String problem) {
        System.err.println("ERROR: " + problem);
        System.err.println("Usage: BenchmarkMain --state RUN/state.env --secrets DATA/secrets.env --out FILE"
                + " [--only id,id]");
        System.exit(2);
    }
}
