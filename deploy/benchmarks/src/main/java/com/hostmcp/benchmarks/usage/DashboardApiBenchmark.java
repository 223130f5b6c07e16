package com.hostmcp.benchmarks.usage;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.benchmarks.Benchmark;
import com.hostmcp.benchmarks.Latencies;
import com.hostmcp.benchmarks.Report;
import com.hostmcp.benchmarks.Stack;

/**
 * dashboard-api's latency for the usage pages and the keys list with the audit-ingestion benchmark's organization
 * (up to a million audit rows): N sequential requests per endpoint (default 200, {@code BENCH_DASHBOARD_REQUESTS})
 * with the owner's bearer token, after a short warm-up; each request goes dashboard-api -> audit-service (or
 * tenant-/billing-service) -> PostgreSQL. Checks that the month-to-date total equals the rows in the log.
 */
public final class DashboardApiBenchmark implements Benchmark {

    private static final String ID = "dashboard";
    private static final String TARGET = "p95 < 100 ms";
    private static final int WARM_UP = 20;
    private static final Duration PERCENTILES_WITHIN = Duration.ofSeconds(60);

    private final UsageOrganization organization;
    private final int requests;

    public DashboardApiBenchmark(UsageOrganization organization) {
        this(organization, Integer.parseInt(System.getenv().getOrDefault("BENCH_DASHBOARD_REQUESTS", "200")));
    }

    DashboardApiBenchmark(UsageOrganization organization, int requests) {
        this.organization = organization;
        this.requests = requests;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "dashboard-api latency (usage and keys) with the audit-ingestion organization's rows, " + requests
                + " requests per endpoint";
    }

    @Override
    public void run(Stack stack, Report report) throws Exception {
        UUID org = organization.ensure(stack);
        try (Connection db = stack.database()) {
            report.row(ID, "tool-call rows of the organization", String.format("%,d", AuditIngestionBenchmark
                    .toolCalls(db, org)));
            // the percentile refresher recomputes the rollups the ingestion touched: measure the steady state
            long start = System.nanoTime();
            long stale;
            while ((stale = staleRollups(db, org)) > 0 && System.nanoTime() - start < PERCENTILES_WITHIN.toNanos()) {
                Thread.sleep(1000);
            }
            report.row(ID, "wait for audit-service's percentile refresh before measuring", String.format("%.1f s%s",
                    (System.nanoTime() - start) / 1e9, stale == 0 ? "" : " (" + stale + " rollups still stale)"));
            checkMonthToDate(stack, report, db, org);
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("GET /api/usage (month-to-date summary, 30-day series, bill)", "/api/usage");
        endpoints.put("GET /api/usage/daily?days=30", "/api/usage/daily?days=30");
        endpoints.put("GET /api/usage/daily?days=30&tool=get_listing (one tool)",
                "/api/usage/daily?days=30&tool=get_listing");
        endpoints.put("GET /api/keys", "/api/keys");
        int failures = 0;
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            Latencies latencies = new Latencies();
            failures += measure(stack, endpoint.getValue(), latencies);
            report.row(ID, endpoint.getKey(), latencies.summary(), TARGET);
        }
        Latencies auditLog = new Latencies();
        failures += measure(stack, "/api/audit-log?limit=50", auditLog);
        report.row(ID, "GET /api/audit-log?limit=50 (first page of the search)", auditLog.summary());
        report.row(ID, "non-200 answers", Integer.toString(failures), "0");
    }

    /** Warm-up, then the measured requests one after another; answers how many were not 200. */
    private int measure(Stack stack, String path, Latencies latencies) throws Exception {
        // a token fetched here, not inside a measured request (the realm's tokens live five minutes)
        String token = organization.token(stack);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        int failures = 0;
        for (int i = 0; i < WARM_UP + requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = stack.http().send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                failures++;
                System.out.printf("  !!! dashboard: GET %s answered %d%n", path, response.statusCode());
            } else if (i >= WARM_UP) {
                latencies.record(took);
            }
        }
        return failures;
    }

    /** The summary's month-to-date requests against the log's tool calls since the first of the UTC month. */
    private void checkMonthToDate(Stack stack, Report report, Connection db, UUID org) throws Exception {
        JsonNode usage = UsageOrganization.ok(organization.api(stack, "GET", "/api/usage", null));
        long answered = usage.at("/summary/requests").asLong(-1);
        long logged;
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM audit.audit_log"
                + " WHERE organization_id = ? AND kind = 'TOOL_CALL'"
                + " AND occurred_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")) {
            statement.setObject(1, org);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                logged = result.getLong(1);
            }
        }
        report.row(ID, "month-to-date requests in /api/usage vs tool calls in the log", String.format("%,d vs %,d",
                answered, logged), "equal");
        if (answered != logged) {
            System.out.printf("%n  !!! dashboard: /api/usage says %,d requests this month, the log holds %,d%n%n",
                    answered, logged);
        }
    }

    private static long staleRollups(Connection db, UUID org) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM audit.usage_daily"
                + " WHERE organization_id = ? AND latency_stale")) {
            statement.setObject(1, org);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
