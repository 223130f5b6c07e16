package com.hostmcp.benchmarks.sync;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hostmcp.benchmarks.Stack;

/**
 * A second sync-service replica, started by the benchmark, whose daily cron fires every second: its first firing
 * plans the day's scheduled run for every connected organization, exactly as the 02:00 firing of any replica would
 * (the daily guard lets one planner claim each organization once a day). Its workers and outbox relay are off, so the
 * platform's own replica executes the runs under its one rate limiter, and the replica is stopped once it planned.
 * This is how a benchmark fires "the nightly run" now without waiting for 02:00 UTC or restarting the platform.
 */
final class PlanningReplica implements AutoCloseable {

    /** The planner's log line (DailySyncPlanner). */
    private static final Pattern PLANNED = Pattern
            .compile("Daily sync planned by (\\S+): (\\d+) organizations claimed, (\\d+) runs queued");

    /** What the first firing planned: the planner id is the runs' {@code planned_by}. */
    record Plan(String plannerId, int claimed, int queued) {
    }

    private final Process process;
    private final Path log;

    PlanningReplica(Stack stack, Path log) throws IOException {
        this.log = log;
        Path jar = Path.of("sync-service/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run from the repository root after a package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        for (String name : new String[] { "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "KAFKA_BOOTSTRAP_SERVERS",
                "HOSTAWAY_API_URL", "OIDC_AUTH_SERVER_URL" }) {
            env.put(name, stack.state(name));
        }
        env.putIfAbsent("DB_PASSWORD", "");
        // the platform's keyset, as deploy/local/up passes it (TINK_KEYSET in the environment wins)
        if (!env.containsKey("TINK_KEYSET") && !env.containsKey("TINK_KEYSET_FILE")) {
            env.put("TINK_KEYSET_FILE", Path.of(System.getenv().getOrDefault("HOSTMCP_DATA_DIR", "."),
                    "tink-keyset.json").toString());
        }
        env.put("LOG_JSON", "false");
        env.put("SYNC_SCHEDULE_CRON", "* * * * * ?");
        env.put("SYNC_WORKER_ENABLED", "false");
        env.put("HOSTMCP_MESSAGING_OUTBOX_ENABLED", "false");
        this.process = builder.start();
    }

    /** Waits for the first planning of the replica's cron and answers it; throws if there is none {@code within}. */
    Plan awaitPlan(Duration within) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < within.toNanos()) {
            if (Files.exists(log)) {
                Matcher planned = PLANNED.matcher(Files.readString(log));
                if (planned.find()) {
                    return new Plan(planned.group(1), Integer.parseInt(planned.group(2)), Integer.parseInt(planned
                            .group(3)));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the planning replica of sync-service exited (" + process.exitValue()
                        + "); its log: " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the planning replica planned nothing within " + within.toSeconds()
                + " s; its log: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
