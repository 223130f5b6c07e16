package com.hostmcp.gateway.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.gateway.testing.McpHttp;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 10,000 tool calls from 71 organizations at once while Hostaway answers some of their accounts normally and the
 * others with bodies that are not JSON, 429s, 500s or answers slower than the timeout (and some calls never reach
 * Hostaway): every call gets the tool result its group should get, retries stay bounded, and afterwards the gateway
 * has as many threads, MCP sessions and connections to Hostaway as before (within what its pools keep), with every
 * event delivered. Runs in well under a minute: Hostaway's 20 requests / 10 s per account pace the calls that reach
 * it, so those are spread over many accounts.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class NoLeakUnderHostawayFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below the per-key limit of 20 requests per second, for the calls that do not wait for Hostaway. */
    private static final long PACING_MS = 55;
    /** %test.gateway.hostaway.circuit-breaker.delay */
    private static final Duration CIRCUIT_DELAY = Duration.ofSeconds(3);
    /** The REST client's connection pool (quarkus.rest-client.connection-pool-size, default 50). */
    private static final int POOL_SIZE = 50;
    private static final int THREAD_SLACK = 20;
    /** Longest wait for answers still in flight (the slow ones take 5 s) and idle threads to end. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /** Hostaway's behaviour for one group of organizations, and the answers their calls must get. */
    private enum Group {
        HEALTHY(20, 40, Set.of("ok"), true, (standIn, account) -> {
        }),
        NOT_JSON(5, 40, Set.of("upstream"), true, (standIn, account) -> standIn.malformNext(account, 1_000)),
        RATE_LIMITED(4, 10, Set.of("rate_limited"), true, (standIn, account) -> standIn.failNext(account, 1_000, 429)),
        SERVER_ERROR(12, 200, Set.of("upstream"), true, (standIn, account) -> standIn.failNext(account, 10_000, 500)),
        SLOW(4, 40, Set.of("timeout", "upstream"), true,
                (standIn, account) -> standIn.delayNext(account, 1_000, Duration.ofSeconds(5))),
        INVALID_ARGUMENTS(15, 280, Set.of("validation"), false, (standIn, account) -> {
        }),
        TOOLS_LIST(11, 200, Set.of("tools"), false, (standIn, account) -> {
        });

        final int organizations;
        final int callsEach;
        final Set<String> expected;
        final boolean reachesHostaway;
        final BiConsumer<HostawayStandIn, Long> fault;

        Group(int organizations, int callsEach, Set<String> expected, boolean reachesHostaway,
                BiConsumer<HostawayStandIn, Long> fault) {
            this.organizations = organizations;
            this.callsEach = callsEach;
            this.expected = expected;
            this.reachesHostaway = reachesHostaway;
            this.fault = fault;
        }
    }

    private record Caller(Group group, TestTenant tenant, McpHttp.Session session) {
    }

    /** What the gateway holds at one moment. */
    private record Footprint(int threads, int mcpSessions, int hostawayConnections, int hostawayCloseWait,
            Map<String, Integer> threadGroups) {
    }

    @Inject
    MeterRegistry registry;
    @Inject
    ConnectionManager sessions;

    @Test
    void tenThousandCallsUnderHostawayFaultsGetTheirErrorsAndLeaveNoThreadsSessionsOrConnectionsBehind()
            throws Exception {
        int total = 0;
        for (Group group : Group.values()) {
            total += group.organizations * group.callsEach;
        }
        assertThat(total).isEqualTo(10_000);
        int sessionsAtStart = count(sessions);
        long setupStarted = System.nanoTime();
        List<Caller> callers = callers();
        Duration setupTook = Duration.ofNanos(System.nanoTime() - setupStarted);
        ExecutorService pool = Executors.newFixedThreadPool(callers.size(), runnable -> {
            Thread thread = new Thread(runnable, "leak-test-caller");
            thread.setDaemon(true);
            return thread;
        });
        ((ThreadPoolExecutor) pool).prestartAllCoreThreads();
        Footprint before = footprint();

        Map<Group, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
        callers.forEach(caller -> caller.group().fault.accept(standIn(), caller.tenant().accountId()));
        Map<Long, Integer> requestsBefore = new TreeMap<>();
        callers.forEach(caller -> requestsBefore.put(caller.tenant().accountId(),
                standIn().requestCount(caller.tenant().accountId())));
        AtomicInteger calls = new AtomicInteger();
        Footprint[] peak = { before };
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leak-test-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> {
            Footprint now = footprint();
            peak[0] = new Footprint(Math.max(peak[0].threads(), now.threads()),
                    Math.max(peak[0].mcpSessions(), now.mcpSessions()),
                    Math.max(peak[0].hostawayConnections(), now.hostawayConnections()),
                    Math.max(peak[0].hostawayCloseWait(), now.hostawayCloseWait()), now.threadGroups());
        }, 0, 500, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (Caller caller : callers) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < caller.group().callsEach; i++) {
                    long callStarted = System.nanoTime();
                    String outcome = outcome(caller, i);
                    calls.incrementAndGet();
                    outcomes.computeIfAbsent(caller.group(), g -> new ConcurrentHashMap<>())
                            .computeIfAbsent(outcome, o -> new LongAdder()).increment();
                    long spent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - callStarted);
                    if (!caller.group().reachesHostaway || spent < PACING_MS) {
                        Thread.sleep(Math.max(0, PACING_MS - spent));
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : running) {
            done.get(120, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        callers.forEach(caller -> cancelFaults(caller.tenant().accountId()));
        sampler.shutdownNow();
        Footprint busy = peak[0];

        // the slow answers still in flight at the stand-in end, idle pool connections stay, the rest is gone
        long settleStarted = System.nanoTime();
        while (System.nanoTime() - settleStarted < SETTLE.toNanos() && !settled(before)) {
            Thread.sleep(500);
        }
        Duration settleTook = Duration.ofNanos(System.nanoTime() - settleStarted);
        Footprint after = footprint();
        System.out.printf("%d tool calls in %d ms (%.0f/s) under Hostaway faults; before / peak / after: threads %d / %d"
                + " / %d, MCP sessions %d / %d / %d, connections to Hostaway %d / %d / %d (close-wait %d); set-up %d ms,"
                + " settled after %d ms%nthreads by name before %s%nafter %s%noutcomes %s%n", calls.get(),
                took.toMillis(), calls.get() * 1000.0 / took.toMillis(), before.threads(), busy.threads(),
                after.threads(), before.mcpSessions(), busy.mcpSessions(), after.mcpSessions(),
                before.hostawayConnections(), busy.hostawayConnections(), after.hostawayConnections(),
                after.hostawayCloseWait(), setupTook.toMillis(), settleTook.toMillis(), before.threadGroups(),
                after.threadGroups(), outcomes);

        assertThat(calls.get()).isEqualTo(10_000);
        for (Group group : Group.values()) {
            Map<String, LongAdder> got = outcomes.get(group);
            assertThat(got.keySet()).as("%s answers: %s", group, got).isSubsetOf(group.expected);
            assertThat(got.values().stream().mapToLong(LongAdder::sum).sum())
                    .isEqualTo((long) group.organizations * group.callsEach);
        }
        // retries are bounded: a failing account sees 4 attempts, then one trial per circuit delay at most
        long boundPerAccount = 1 + 4 + took.toSeconds() / CIRCUIT_DELAY.toSeconds() + 2;
        for (Caller caller : callers) {
            long account = caller.tenant().accountId();
            int requests = standIn().requestCount(account) - requestsBefore.get(account);
            if (caller.group() == Group.SERVER_ERROR || caller.group() == Group.SLOW) {
                assertThat(requests).as("requests of %s account %d", caller.group(), account)
                        .isLessThanOrEqualTo((int) boundPerAccount);
            } else if (!caller.group().reachesHostaway) {
                assertThat(requests).isZero();
            }
        }
        assertThat(after.hostawayCloseWait()).as("connections Hostaway closed that the gateway did not").isZero();
        assertThat(pendingEvents()).as("events not yet delivered to Kafka").isZero();
        assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(before.threads() + THREAD_SLACK);
        assertThat(after.mcpSessions()).as("MCP sessions").isLessThanOrEqualTo(before.mcpSessions());
        assertThat(after.hostawayConnections()).as("open connections to Hostaway").isLessThanOrEqualTo(POOL_SIZE);
        assertThat(busy.hostawayConnections()).as("at the peak, too").isLessThanOrEqualTo(POOL_SIZE);

        // every session ends cleanly, and a healthy account still answers at once (no pool is exhausted)
        for (Caller caller : callers) {
            assertThat(caller.session().close()).isEqualTo(200);
        }
        assertThat(count(sessions)).isLessThanOrEqualTo(sessionsAtStart);
        Caller healthy = callers.get(0);
        McpHttp.Session fresh = McpHttp.open(healthy.tenant().apiKey());
        long probe = System.nanoTime();
        assertThat(outcome(new Caller(Group.HEALTHY, healthy.tenant(), fresh), 0)).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - probe)).isLessThan(Duration.ofSeconds(2));
        fresh.close();
        pool.shutdownNow();
    }

    private boolean settled(Footprint before) {
        Footprint now = footprint();
        return now.threads() <= before.threads() + THREAD_SLACK && now.hostawayCloseWait() == 0 && pendingEvents() == 0;
    }

    /** One call of the caller's group; "ok", "tools", or the error type. */
    private static String outcome(Caller caller, int i) {
        long listing = caller.tenant().accountId() * 10_000 + 1 + i % 2;
        JsonNode response = switch (caller.group()) {
            case TOOLS_LIST -> caller.session().post("{\"jsonrpc\":\"2.0\",\"id\":" + i
                    + ",\"method\":\"tools/list\"}").message();
            case INVALID_ARGUMENTS -> caller.session().callTool("get_listing", Map.of("listingId", "../" + i));
            default -> i % 2 == 0 ? caller.session().callTool("get_listing", Map.of("listingId", listing))
                    : caller.session().callTool("list_listings", Map.of("limit", 2));
        };
        if (response == null || response.has("error")) {
            return "json-rpc error " + response;
        }
        JsonNode result = response.path("result");
        if (result.has("tools")) {
            return result.path("tools").size() == 14 ? "tools" : "tools: " + result.path("tools").size();
        }
        if (!result.path("isError").asBoolean()) {
            return "ok";
        }
        String text = result.path("content").path(0).path("text").asText();
        return text.startsWith("[") && text.indexOf(']') > 0 ? text.substring(1, text.indexOf(']')) : text;
    }

    /** Organizations with accounts of their own, created in parallel, each with an open Streamable HTTP session. */
    private static List<Caller> callers() throws Exception {
        ExecutorService setup = Executors.newFixedThreadPool(8);
        try {
            List<Future<Caller>> created = new ArrayList<>();
            for (Group group : Group.values()) {
                for (int i = 0; i < group.organizations; i++) {
                    created.add(setup.submit(() -> {
                        TestTenant tenant = TestTenants.withOwnAccount(2);
                        McpHttp.Session session = McpHttp.open(tenant.apiKey());
                        // warms up the MCP pipeline without Hostaway
                        session.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/list\"}");
                        return new Caller(group, tenant, session);
                    }));
                }
            }
            List<Caller> callers = new ArrayList<>();
            for (Future<Caller> caller : created) {
                callers.add(caller.get(120, TimeUnit.SECONDS));
            }
            return callers;
        } finally {
            setup.shutdownNow();
        }
    }

    private Footprint footprint() {
        Map<String, Integer> byName = new TreeMap<>();
        int threads = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            // the test's callers, the JDK HTTP client they call with and the stand-in's Jetty are not the gateway's
            if (!thread.isAlive() || name.startsWith("leak-test-") || name.startsWith("HttpClient-")
                    || name.startsWith("qtp") || name.startsWith("Connector-Scheduler")) {
                continue;
            }
            threads++;
            byName.merge(name.replaceAll("[-#]?\\d+", ""), 1, Integer::sum);
        }
        int[] connections = connectionsTo(standIn().port());
        return new Footprint(threads, count(sessions), connections[0], connections[1], byName);
    }

    /** Client-side TCP connections to the port in this network namespace: {established, close-wait}. */
    private static int[] connectionsTo(int port) {
        int established = 0;
        int closeWait = 0;
        String remote = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (!fields[2].endsWith(remote)) {
                    continue;
                }
                if ("01".equals(fields[3])) {
                    established++;
                } else if ("08".equals(fields[3])) {
                    closeWait++;
                }
            }
        }
        return new int[] { established, closeWait };
    }

    private double pendingEvents() {
        Gauge pending = registry.find("hostmcp.events.pending").gauge();
        return pending == null ? 0 : pending.value();
    }

    private static int count(ConnectionManager sessions) {
        return (int) StreamSupport.stream(sessions.spliterator(), false).count();
    }

    private static void cancelFaults(long account) {
        standIn().failNext(account, 0, 500);
    }

    private static HostawayStandIn standIn() {
        return HostawayStandInResource.standIn();
    }
}
