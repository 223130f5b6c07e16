package com.hostmcp.benchmarks.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.benchmarks.Benchmark;
import com.hostmcp.benchmarks.Latencies;
import com.hostmcp.benchmarks.Polling;
import com.hostmcp.benchmarks.Report;
import com.hostmcp.benchmarks.Stack;
import com.hostmcp.benchmarks.Stack.Organization;
import com.hostmcp.standin.hostaway.HostawayAccount;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * sync-service against the Hostaway limits: (a) Sync Now of the stand-in's LARGE account (520 listings, 500 active;
 * only read) until the run SUCCEEDED with the counts; (b) one scheduled run over many organizations (default 40 in
 * total, {@code BENCH_SYNC_ORGANIZATIONS}, up to 1,000): every organization connected and due on the platform plus new
 * ones on generated accounts 100.. to make up the count. Connecting them first makes sync-service count each one on
 * connect (measured as the on-connect wave, the same work under the same limiter); once the queue is empty a planning
 * replica ({@link PlanningReplica}) fires the daily cron, and the run is timed from its planning to its last run, with
 * the Hostaway requests it made sampled from sync-service's metrics.
 */
public final class SyncBenchmark implements Benchmark {

    private static final String ID = "sync";
    private static final int LARGE_TRIALS = 3;
    private static final int FIRST_ACCOUNT_INDEX = 100;
    private static final int LAST_ACCOUNT_INDEX = 1099;
    private static final int CONNECT_THREADS = 2;
    private static final String LIMIT = "<= 15 per 10 s";
    /** The global limit's pace: 14 requests per 10 s after the first (README "Hostaway rate limits"), with margin. */
    private static final Duration PER_REQUEST_BUDGET = Duration.ofMillis(1500);

    private final int organizations;

    public SyncBenchmark() {
        this(Integer.parseInt(System.getenv().getOrDefault("BENCH_SYNC_ORGANIZATIONS", "40")));
    }

    SyncBenchmark(int organizations) {
        if (organizations < 1 || organizations > LAST_ACCOUNT_INDEX - FIRST_ACCOUNT_INDEX + 1) {
            throw new IllegalArgumentException("BENCH_SYNC_ORGANIZATIONS must be 1..1000: " + organizations);
        }
        this.organizations = organizations;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "sync: LARGE account Sync Now; one scheduled run over " + organizations + " organizations";
    }

    @Override
    public void run(Stack stack, Report report) throws Exception {
        try (SyncNow syncNow = new SyncNow(stack); Connection db = stack.database()) {
            large(stack, report, syncNow);
            scheduled(stack, report, db);
        }
    }

    // ------------------------------------------------------------------------------------------- (a) LARGE account

    private void large(Stack stack, Report report, SyncNow syncNow) throws Exception {
        HostawayAccount account = HostawaySeedAccounts.ACCOUNT_LARGE;
        Organization organization = stack.createOrganization("Sync benchmark LARGE", account);
        String runs = stack.syncUrl() + "/internal/organizations/" + organization.id();
        // the connect's own run first, so that Sync Now does not join it
        Polling.await("the LARGE account's on-connect run finished", Duration.ofSeconds(60), () -> {
            JsonNode list = get(stack, runs + "/sync-runs?limit=5");
            return list != null && list.findValuesAsText("status").contains("FINISHED");
        });
        Latencies untilSucceeded = new Latencies();
        Latencies runDuration = new Latencies();
        int active = account.listings() - account.archivedListings();
        String counts = "";
        int wrong = 0;
        for (int i = 0; i < LARGE_TRIALS; i++) {
            long start = System.nanoTime();
            UUID request = syncNow.request(organization.id());
            JsonNode run;
            do {
                Thread.sleep(50);
                run = get(stack, runs + "/sync-requests/" + request);
                Polling.within(start, Duration.ofSeconds(60), "the LARGE account's Sync Now run did not finish");
            } while (run == null || !"FINISHED".equals(run.path("status").asText()));
            untilSucceeded.record(System.nanoTime() - start);
            runDuration.record(Duration.ofMillis(run.path("durationMs").asLong()).toNanos());
            counts = run.path("outcome").asText() + ", " + run.path("activeListings").asInt() + " active / "
                    + run.path("totalListings").asInt() + " total";
            if (!"SUCCEEDED".equals(run.path("outcome").asText()) || run.path("activeListings").asInt() != active
                    || run.path("totalListings").asInt() != account.listings()) {
                wrong++;
                System.out.printf("%n  !!! sync: the LARGE account's run recorded %s%n%n", counts);
            }
        }
        report.row(ID, "(a) LARGE account: Sync Now -> run SUCCEEDED (incl. 2 s coalesce window)",
                summary(untilSucceeded));
        report.row(ID, "(a) of which the run itself (token, activation delay, 2 pages)", summary(runDuration));
        report.row(ID, "(a) counts recorded (last run)", counts, "SUCCEEDED, " + active + " active / "
                + account.listings() + " total");
        report.row(ID, "(a) runs with other counts or outcomes", Integer.toString(wrong), "0");
    }

    // --------------------------------------------------------------------------------- (b) scheduled run

    private void scheduled(Stack stack, Report report, Connection db) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int due = (int) single(db, "SELECT count(*) FROM sync.organizations WHERE hostaway_status = 'CONNECTED'"
                + " AND NOT deleted AND (last_scheduled_sync_date IS NULL OR last_scheduled_sync_date < ?)", today);
        int create = Math.max(0, organizations - due);
        // accounts 100.. not used by an earlier run on this platform (--reuse)
        int firstIndex = FIRST_ACCOUNT_INDEX + (int) single(db, "SELECT count(*) FROM sync.organizations"
                + " WHERE account_id::bigint BETWEEN ? AND ?",
                HostawaySeedAccounts.generated(FIRST_ACCOUNT_INDEX)
                        .accountId(),
                HostawaySeedAccounts.generated(LAST_ACCOUNT_INDEX).accountId());
        if (firstIndex + create - 1 > LAST_ACCOUNT_INDEX) {
            throw new IllegalStateException("generated accounts 100..1099 are used up on this platform: start a fresh"
                    + " one");
        }
        MetricsSampler sampler = new MetricsSampler(stack);
        Thread sampling = new Thread(sampler, "sync-metrics");
        sampling.setDaemon(true);
        sampling.start();
        try {
            // on-connect wave: new organizations connected at once, each counted by sync-service on connect
            long waveStart = System.nanoTime();
            connect(stack, firstIndex, create);
            long firstAccount = HostawaySeedAccounts.generated(firstIndex).accountId();
            Polling.awaitEvery("every on-connect run finished and sync-service's queue is empty", PER_REQUEST_BUDGET
                    .multipliedBy(3L * create + 20), Duration.ofMillis(250),
                    () -> single(db, "SELECT count(*)"
                            + " FROM sync.sync_runs r JOIN sync.organizations o USING (organization_id)"
                            + " WHERE r.trigger = 'CREDENTIALS_CONNECTED' AND r.status = 'FINISHED'"
                            + " AND o.account_id::bigint BETWEEN ? AND ?", firstAccount, firstAccount + create - 1) >= create
                            && single(db, "SELECT count(*) FROM sync.sync_runs WHERE status <> 'FINISHED'") == 0);
            long waveEnd = System.nanoTime();
            if (create > 0) {
                report.row(ID, "(b) on-connect wave: " + create + " organizations connected at once -> all"
                        + " counted",
                        String.format("%.1f s; %s", (waveEnd - waveStart) / 1e9,
                                sampler.between(waveStart, waveEnd)),
                        LIMIT);
            }

            // the scheduled run, planned by a replica whose cron fires now
            Path log = Path.of(System.getenv().getOrDefault("HOSTMCP_RUN_DIR", "target"), "logs",
                    "sync-planning-replica.log");
            Files.createDirectories(log.getParent());
            PlanningReplica.Plan plan;
            long replicaStart = System.nanoTime();
            try (PlanningReplica replica = new PlanningReplica(stack, log)) {
                plan = replica.awaitPlan(Duration.ofSeconds(120));
            }
            report.row(ID, "(b) planning replica: start until planned (not part of the run)", String.format("%.1f s",
                    (System.nanoTime() - replicaStart) / 1e9));
            Polling.awaitEvery("every run of the scheduled run finished", PER_REQUEST_BUDGET.multipliedBy(3L
                    * plan.queued() + 20), Duration.ofMillis(250),
                    () -> single(db, "SELECT count(*)"
                            + " FROM sync.sync_runs WHERE planned_by = ? AND status <> 'FINISHED'",
                            plan.plannerId()) == 0);
            ScheduledRun run = scheduledRun(db, plan.plannerId());
            long runStart = sampler.nanosAt(run.plannedAt());
            long runEnd = sampler.nanosAt(run.lastFinished());
            report.row(ID, "(b) scheduled run: organizations claimed / runs queued", plan.claimed() + " / "
                    + plan.queued() + " (" + due + " connected before the benchmark, " + create + " new on generated"
                    + " accounts from " + firstIndex + ")");
            report.row(ID, "(b) scheduled run: planned -> last run finished", String.format("%.1f s (%.2f s per"
                    + " organization)", run.seconds(), run.seconds() / Math.max(1, run.runs())));
            report.row(ID, "(b) scheduled run: runs SUCCEEDED", run.succeeded() + " of " + run.runs(), Integer
                    .toString(run.runs()));
            report.row(ID, "(b) scheduled run: Hostaway requests and rate", sampler.between(runStart, runEnd),
                    LIMIT);
            if (run.runs() < 1000) {
                double seconds = run.seconds() / Math.max(1, run.runs()) * 1000;
                report.row(ID, "(b) 1,000 organizations in one scheduled run: PROJECTED from the measured pace",
                        String.format("~%.0f min (projected, not measured)", seconds / 60));
                report.note(ID, "the full 1,000-organization run: BENCH_SYNC_ORGANIZATIONS=1000"
                        + " deploy/benchmarks/run --only sync (about twice the projected time: the on-connect wave of"
                        + " the new organizations comes first and goes at the same pace)");
            }
            report.note(ID, "(b) the scheduled run is the daily cron's, fired by a second sync-service replica"
                    + " started for it (workers and relay off, cron every second, stopped after its first planning);"
                    + " the benchmark platform's own cron is off (deploy/benchmarks/run), and the platform's replica"
                    + " runs every sync under its one Hostaway limiter");
        } finally {
            sampler.stop();
            sampling.join(2000);
        }
    }

    /** Registers and connects {@code count} organizations on generated accounts from {@code firstIndex}, in parallel. */
    private static void connect(Stack stack, int firstIndex, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECT_THREADS);
        try {
            List<Future<?>> connected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HostawayAccount account = HostawaySeedAccounts.generated(firstIndex + i);
                connected.add(pool.submit(() -> {
                    String owner = "bench-sync-" + UUID.randomUUID();
                    JsonNode registered = stack.send("POST", stack.tenantUrl() + "/internal/organizations", owner,
                            Map.of("subject", owner, "email", owner + "@example.com", "organizationName",
                                    "Sync benchmark " + account.accountId()),
                            201);
                    stack.send("PUT", stack.tenantUrl() + "/internal/organizations/" + registered.path(
                            "organizationId").asText() + "/hostaway-credentials", owner, Map.of("accountId", Long
                                    .toString(account.accountId()), "secretKey", account.secret()),
                            200);
                    return null;
                }));
            }
            for (Future<?> future : connected) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A scheduled run as sync-service recorded it. */
    private record ScheduledRun(int runs, int succeeded, Instant plannedAt, Instant lastFinished) {

        double seconds() {
            return Duration.between(plannedAt, lastFinished).toMillis() / 1000.0;
        }
    }

    private static ScheduledRun scheduledRun(Connection db, String plannerId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*), count(*) FILTER (WHERE outcome ="
                + " 'SUCCEEDED'), min(requested_at), max(finished_at) FROM sync.sync_runs WHERE planned_by = ?")) {
            statement.setString(1, plannerId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Timestamp planned = result.getTimestamp(3);
                Timestamp finished = result.getTimestamp(4);
                if (planned == null || finished == null) {
                    throw new IllegalStateException("the planning replica queued no run: every organization was"
                            + " planned today already (use a fresh platform)");
                }
                return new ScheduledRun(result.getInt(1), result.getInt(2), planned.toInstant(), finished
                        .toInstant());
            }
        }
    }

    private static long single(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The JSON of a 200 answer of sync-service's internal API, null for 404 (not there yet). */
    private static JsonNode get(Stack stack, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = stack.http().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + stack.serviceToken()).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Stack.JSON.readTree(response.body());
    }

    private static String summary(Latencies latencies) {
        return "p50 " + Latencies.millis(latencies.percentile(50)) + ", max " + Latencies.millis(latencies.max())
                + " (n=" + latencies.count() + ")";
    }
}
