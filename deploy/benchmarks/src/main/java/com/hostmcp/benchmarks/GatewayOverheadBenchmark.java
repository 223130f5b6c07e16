package com.hostmcp.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.hostmcp.benchmarks.GatewayTenants.Tenant;

/**
 * What the gateway adds to a read: the same listing read straight from the Hostaway stand-in
 * ({@code GET /v1/listings/{id}}) and through the gateway ({@code get_listing} in an MCP session), as pairs sent back to
 * back in alternating order at a moderate, evenly paced rate spread over many accounts, so that neither path waits for
 * Hostaway's per-account limit (both count against it).
 */
public final class GatewayOverheadBenchmark implements Benchmark {

    static final String ID = "overhead";
    private static final int ORGANIZATIONS = 50;
    /** Generated accounts 1100..1149: the load benchmark uses 0..99, the propagation and sync benchmarks 100..1099. */
    private static final int FIRST_ACCOUNT = 1100;
    /** Pairs per second over all accounts: 0.5 a second per account, 10 of Hostaway's 20 requests per 10 s. */
    private static final int PAIRS_PER_SECOND = 25;
    private static final int MEASURED_SECONDS = 40;
    /**
     * Pairs sent first at the same rate and not measured: connections, the stand-in's account data and the JIT warm
     * up (a JFR recording of the gateway showed C2 still compiling its request path, Kafka producer and Netty
     * methods for a minute after the load benchmark, each compilation taking up to 1.5 s of a shared core).
     */
    private static final int WARMUP_SECONDS = 10;
    private static final int WARMUP_PAIRS = PAIRS_PER_SECOND * WARMUP_SECONDS;
    private static final int WORKERS = 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Gateway overhead: get_listing through the gateway vs GET /v1/listings/{id} straight from Hostaway";
    }

    @Override
    public void run(Stack stack, Report report) throws Exception {
        HttpClient http = McpClient.http11();
        McpClient mcp = new McpClient(http, stack.gatewayUrl());
        List<Tenant> tenants = GatewayTenants.create(stack, mcp, "Overhead benchmark", FIRST_ACCOUNT, ORGANIZATIONS,
                1);
        Map<Long, String> tokens = new HashMap<>();
        for (Tenant tenant : tenants) {
            tokens.put(tenant.account().accountId(), stack.hostawayToken(tenant.account()));
        }
        Latencies direct = new Latencies();
        Latencies gateway = new Latencies();
        Latencies paired = new Latencies();
        AtomicLong directSum = new AtomicLong();
        AtomicLong gatewaySum = new AtomicLong();
        AtomicLong directErrors = new AtomicLong();
        AtomicLong gatewayErrors = new AtomicLong();
        int total = WARMUP_PAIRS + PAIRS_PER_SECOND * MEASURED_SECONDS;
        long interval = TimeUnit.SECONDS.toNanos(1) / PAIRS_PER_SECOND;
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> pairs = new ArrayList<>(total);
        try {
            long start = System.nanoTime();
            for (int n = 0; n < total; n++) {
                long wait = start + n * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Tenant tenant = tenants.get(n % tenants.size());
                long listing = tenant.account().listingId(1 + (n / tenants.size()) % tenant.account()
                        .activeListings());
                boolean measured = n >= WARMUP_PAIRS;
                boolean directFirst = n % 2 == 0;
                pairs.add(workers.submit(() -> {
                    long[] times = new long[2];
                    for (int leg = 0; leg < 2; leg++) {
                        if ((leg == 0) == directFirst) {
                            times[0] = direct(http, stack.hostawayUrl(), tokens.get(tenant.account().accountId()), listing,
                                    directErrors);
                        } else {
                            ToolCall call = mcp.call(tenant.session(0), "get_listing", Map.of("listingId", listing))
                                    .join();
                            if (call.outcome() != ToolCall.Outcome.OK) {
                                gatewayErrors.incrementAndGet();
                                System.out.println("!!! overhead: gateway call failed: " + call.problem());
                            }
                            times[1] = call.nanos();
                        }
                    }
                    if (measured) {
                        direct.record(times[0]);
                        gateway.record(times[1]);
                        paired.record(times[1] - times[0]);
                        directSum.addAndGet(times[0]);
                        gatewaySum.addAndGet(times[1]);
                    }
                    return null;
                }));
            }
            for (Future<?> pair : pairs) {
                pair.get(2, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
        report.row(ID, "offered load", PAIRS_PER_SECOND + " pairs/s over " + ORGANIZATIONS + " accounts for "
                + MEASURED_SECONDS + " s, after " + WARMUP_SECONDS + " s of unmeasured pairs");
        report.row(ID, "errors direct / through the gateway", directErrors.get() + " / " + gatewayErrors.get(),
                "0 / 0");
        report.row(ID, "direct GET /v1/listings/{id}", direct.summary());
        report.row(ID, "gateway get_listing", gateway.summary());
        report.row(ID, "added latency p50 (gateway p50 - direct p50)", Latencies.millis(gateway.percentile(50)
                - direct.percentile(50)));
        report.row(ID, "added latency p99 (gateway p99 - direct p99)", Latencies.millis(gateway.percentile(99)
                - direct.percentile(99)), "< 2 ms");
        report.row(ID, "added latency per pair (gateway - direct of the same pair)", "p50 "
                + Latencies.millis(paired.percentile(50)) + ", p99 " + Latencies.millis(paired.percentile(99)));
        double directRate = direct.count() * 1e9 / directSum.get();
        double gatewayRate = gateway.count() * 1e9 / gatewaySum.get();
        report.row(ID, "throughput of one client, gateway / direct (1 / mean latency)", String.format(
                "%.0f / %.0f calls/s = %.2f", gatewayRate, directRate, gatewayRate / directRate));
        report.note(ID, "the gateway path includes MCP (JSON-RPC) framing, key check, limits, argument validation,"
                + " the Hostaway call, the summary view and the two audit events; the direct path returns Hostaway's"
                + " whole listing");
    }

    private static long direct(HttpClient http, String hostawayUrl, String token, long listing, AtomicLong errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hostawayUrl + "/v1/listings/" + listing))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                errors.incrementAndGet();
                System.out.println("!!! overhead: direct read answered " + response.statusCode());
            }
            return nanos;
        } catch (Exception e) {
            errors.incrementAndGet();
            System.out.println("!!! overhead: direct read failed: " + e);
            return System.nanoTime() - started;
        }
    }
}
