package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * Issue 9's fault-injection items 1-3 against the running local stack: Kafka stopped for 30 s under a steady stream of
 * tool calls, audit-service killed with SIGKILL while it ingests a burst, and the stack's database made unavailable
 * (every connection terminated, new ones refused) for 10 s under load. Each ends with exact audit and usage counts (no
 * loss, no duplicates) and services that recovered by themselves.
 */
final class FaultInjectionJourney {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("tenant-service", "billing-service", "sync-service",
            "audit-service", "mcp-gateway", "dashboard-api");
    /**
     * Read-only calls on the demo organization's sandbox account (nothing writes to it any more at this point). One
     * call in three reaches Hostaway (about 1 request/s: under the gateway's 15 per 10 s per instance); the others are
     * refused by the gateway's argument check, a tool error that is audited like any call.
     */
    private static final long ACCOUNT = HostawaySeedAccounts.MEDIUM_ACCOUNT_ID;
    private static final String SECRET = HostawaySeedAccounts.MEDIUM_SECRET;
    private static final Duration CALL_PERIOD = Duration.ofMillis(333);
    private static final Duration KAFKA_DOWN = Duration.ofSeconds(30);
    private static final Duration DATABASE_DOWN = Duration.ofSeconds(10);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(180);
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);
    private static final int BURST = 4_000;
    private static final String TOOL_INVOCATIONS = "mcp.tool-invocations.v1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> state;
    private final Map<String, Integer> ports;
    private final StackProcesses processes;
    private final Callable<String> serviceToken;

    /** @param serviceToken a fresh client-credentials token of dashboard-api's service account per call */
    FaultInjectionJourney(Map<String, String> state, Map<String, Integer> ports, Path runDir,
            Callable<String> serviceToken) {
        this.state = state;
        this.ports = ports;
        this.processes = new StackProcesses(runDir);
        this.serviceToken = serviceToken;
    }

    void run() throws Exception {
        String owner = "fault-" + UUID.randomUUID();
        String token = serviceToken.call();
        JsonNode registered = expect(internal(token, "POST", "/internal/organizations", owner,
                Map.of("subject", owner, "email", owner + "@example.com", "organizationName", "Fault injection")),
                201);
        String organization = registered.path("organizationId").asText();
        expect(internal(token, "PUT", "/internal/organizations/" + organization + "/hostaway-credentials", owner,
                Map.of("accountId", Long.toString(ACCOUNT), "secretKey", SECRET)), 200);
        String key = createKey(token, organization, owner, "fault-injection");
        Tally tally = new Tally();
        McpSession mcp = awaitSession(key);
        await("the gateway serves the new organization (trial entitlement and Hostaway connection arrived)")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).pollInSameThread()
                .until(() -> tally.call(mcp, 0) == Outcome.SUCCESS);

        kafkaStoppedDuringToolCalls(organization, mcp, tally);
        auditServiceKilledMidBatch();
        databaseUnavailableUnderLoad(organization, owner, mcp, tally);
    }

    /** Item 1: Kafka stopped (SIGTERM) for 30 s and started again on its data, tool calls going on all along. */
    private void kafkaStoppedDuringToolCalls(String organization, McpSession mcp, Tally tally) throws Exception {
        long restarted;
        Duration brokerBack;
        try (CallStream calls = new CallStream(mcp, tally)) {
            Thread.sleep(3_000);
            StackProcesses.Launch kafka = processes.stop("kafka", false);
            int beforeOutage = tally.total();
            Thread.sleep(KAFKA_DOWN.toMillis());
            int duringOutage = tally.total() - beforeOutage;
            restarted = System.nanoTime();
            processes.start(kafka);
            await("the restarted Kafka broker answers").atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500))
                    .pollInSameThread().until(this::brokerAnswers);
            brokerBack = since(restarted);
            assertThat(duringOutage).as("tool calls answered while Kafka was down: %s", tally).isPositive();
            Thread.sleep(5_000);
        }
        long audited = awaitAuditMatches(organization, tally, "after Kafka's restart");
        long ready = awaitEveryServiceReady("after Kafka's restart");
        assertThat(tally.others()).as("calls answered with something else than an MCP answer or a 503").isEmpty();
        System.out.printf("Fault injection, Kafka stopped %d s during tool calls: %s; broker back %.1f s after the"
                + " restart, every answered call audited and metered %.1f s after it, every service ready %.1f s"
                + " after it%n", KAFKA_DOWN.toSeconds(), tally, brokerBack.toMillis() / 1000.0,
                seconds(restarted, audited), seconds(restarted, ready));
    }

    /**
     * Item 2: a burst of ToolInvoked records, written to the gateway's topic as the gateway writes them, and
     * audit-service killed with SIGKILL once part of them are stored; restarted, it must store each exactly once.
     */
    private void auditServiceKilledMidBatch() throws Exception {
        String organization = UUID.randomUUID().toString();
        AtomicLong produced = new AtomicLong();
        Thread producer = new Thread(() -> produceBurst(organization, produced), "tool-invoked-burst");
        producer.start();
        long rowsAtKill;
        long killedAt;
        try (Connection db = LocalStackUpDownIT.connect(state.get("PG_URL"))) {
            await("audit-service stores part of the burst").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).pollInSameThread()
                    .until(() -> toolCallRows(db, organization).total() >= 200);
            StackProcesses.Launch audit = processes.stop("audit-service", true);
            killedAt = System.nanoTime();
            rowsAtKill = toolCallRows(db, organization).total();
            processes.start(audit);
        }
        producer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(produced.get()).as("ToolInvoked records produced").isEqualTo(BURST);
        assertThat(rowsAtKill).as("rows stored when audit-service was killed (mid-burst)").isLessThan(BURST);
        long ready = awaitReady("audit-service", "after its SIGKILL");
        Rows rows = awaitRows(organization, BURST, "the whole burst stored after audit-service's restart");
        Thread.sleep(QUIET_PERIOD.toMillis());
        try (Connection db = LocalStackUpDownIT.connect(state.get("PG_URL"))) {
            rows = toolCallRows(db, organization);
            assertThat(rows.total()).as("rows of the burst after a quiet period: %s", rows).isEqualTo(BURST);
            assertThat(rows.distinct()).as("distinct invocation ids: %s", rows).isEqualTo(BURST);
            assertThat(usageRequests(db, organization)).as("usage_daily requests of the burst's organization")
                    .isEqualTo(BURST);
        }
        System.out.printf("Fault injection, audit-service killed (SIGKILL) mid-burst: %d ToolInvoked produced, %d rows"
                + " stored at the kill, %d rows (%d distinct) after the restart; ready %.1f s after the kill%n",
                BURST, rowsAtKill, rows.total(), rows.distinct(), seconds(killedAt, ready));
    }

    private void produceBurst(String organization, AtomicLong produced) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, state.get("KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            String keyId = UUID.randomUUID().toString();
            for (int i = 0; i < BURST; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOOL_INVOCATIONS, organization,
                        toolInvoked(organization, keyId));
                record.headers().add("traceparent", traceparent().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                produced.incrementAndGet();
                if (i % 100 == 99) {
                    producer.flush();
                    Thread.sleep(100); // about 1,000 records/s: the kill lands while records keep coming
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A ToolInvoked as the gateway writes it (docs/events, com.hostmcp.mcp.ToolInvoked.v1). */
    private static String toolInvoked(String organization, String keyId) {
        String now = Instant.now().toString();
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("type", "com.hostmcp.mcp.ToolInvoked.v1").put("source", "/mcp-gateway")
                .put("subject", organization).put("time", now).put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data").put("invocationId", UUID.randomUUID().toString())
                .put("organizationId", organization).put("keyId", keyId).put("tool", "list_listings");
        data.putObject("arguments").put("limit", 5);
        data.put("outcome", "SUCCESS").putNull("errorType").putNull("errorMessage").put("latencyMs", 12)
                .put("hostawayStatus", 200).put("hostawayCalls", 1).put("transport", "STREAMABLE_HTTP")
                .put("mcpSessionId", UUID.randomUUID().toString()).put("startedAt", now);
        return event.toString();
    }

    private static String traceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong());
    }

    /**
     * Item 3: the stack's database refuses connections for 10 s after every open one was terminated (what a restart
     * looks like to clients; the machine's server itself must not be restarted), tool calls and outbox writes going
     * on. Every service must become ready again without a restart and relay its outbox.
     */
    private void databaseUnavailableUnderLoad(String organization, String owner, McpSession mcp, Tally tally)
            throws Exception {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : SERVICES) {
            pids.put(service, processes.pid(service));
        }
        String database = state.get("DB_NAME");
        long allowed;
        long ready;
        List<Write> writes;
        try (CallStream calls = new CallStream(mcp, tally);
                KeyWriter writer = new KeyWriter(organization, owner, serviceToken.call())) {
            Thread.sleep(2_000);
            try (Connection admin = superuser(); Statement sql = admin.createStatement()) {
                sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                try {
                    try (PreparedStatement terminate = admin.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                            + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                        terminate.setString(1, database);
                        terminate.executeQuery().close();
                    }
                    Thread.sleep(DATABASE_DOWN.toMillis() / 2);
                    assertThatThrownBy(() -> LocalStackUpDownIT.connect(state.get("PG_URL")).close())
                            .as("a new connection to %s during the outage", database)
                            .isInstanceOf(SQLException.class);
                    Thread.sleep(DATABASE_DOWN.toMillis() / 2);
                } finally {
                    sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
                    allowed = System.nanoTime();
                }
            }
            ready = awaitEveryServiceReady("after the database outage");
            Thread.sleep(5_000);
            writes = writer.stop();
            System.out.printf("Fault injection, database unavailable %d s under load: every service ready %.1f s"
                    + " after connections were allowed again%n", DATABASE_DOWN.toSeconds(), seconds(allowed, ready));
        }
        for (String service : SERVICES) {
            assertThat(processes.pid(service)).as("%s was not restarted", service).isEqualTo(pids.get(service));
            assertThat(ProcessHandle.of(pids.get(service)).map(ProcessHandle::isAlive)).as(service).contains(true);
        }
        assertThat(writes).as("key writes").isNotEmpty()
                .as("key writes made while the database was unavailable (503)").anyMatch(write -> write.status() == 503);
        for (Write write : writes) {
            // a write the database could not take is a clear 503 to retry, never a 500
            assertThat(write.status()).as("key write during the outage: %s", write.body()).isIn(201, 204, 503);
            if (write.status() == 503) {
                assertThat(write.retryAfter()).as("Retry-After of a 503 during the outage").isNotBlank();
                assertThat(write.body()).contains("temporarily unavailable").doesNotContain("Exception");
            }
            if (write.started() > ready) {
                assertThat(write.status()).as("key write after recovery: %s", write.body()).isIn(201, 204);
            }
        }
        long drained = awaitOutboxesDrained();
        String after = createKey(serviceToken.call(), organization, owner, "after-database-outage");
        long created = System.nanoTime();
        McpSession fresh = awaitSession(after);
        assertThat(fresh.listTools()).contains("list_listings");
        long audited = awaitAuditMatches(organization, tally, "after the database outage");
        assertThat(tally.others()).as("calls answered with something else than an MCP answer or a 503").isEmpty();
        System.out.printf("Fault injection, database outage: %d key writes (HTTP status: count %s), outboxes drained"
                + " %.1f s and every call audited %.1f s after connections were allowed again; a key created after"
                + " recovery works at the gateway after %d ms; calls: %s%n", writes.size(),
                writes.stream().collect(Collectors.groupingBy(Write::status, TreeMap::new, Collectors.counting())),
                seconds(allowed, drained),
                seconds(allowed, audited), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - created), tally);
    }

    // ------------------------------------------------------------------------------------------------ calls

    enum Outcome {
        SUCCESS,
        TOOL_ERROR,
        REFUSAL,
        UNAVAILABLE_503,
        OTHER
    }

    /** Every tool call of the organization and its outcome; the ones with an MCP answer are audited. */
    private static final class Tally {
        private final Map<Outcome, Integer> counts = Collections.synchronizedMap(new EnumMap<>(Outcome.class));
        private final List<String> others = Collections.synchronizedList(new ArrayList<>());

        /** Call {@code n}: one in three reaches Hostaway, the others fail the gateway's argument check. */
        Outcome call(McpSession mcp, int n) {
            Map<String, Object> arguments = Map.of("limit", n % 3 == 0 ? 5 : 1_000);
            Outcome outcome;
            try {
                McpSession.Answer answer = mcp.answer("list_listings", arguments);
                outcome = classify(answer);
                if (outcome == Outcome.OTHER) {
                    others.add(answer.status() + " " + answer.message());
                }
            } catch (IOException | RuntimeException e) {
                outcome = Outcome.OTHER; // a timeout (hang), a broken connection, a 200 without a JSON-RPC answer
                others.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.OTHER;
            }
            counts.merge(outcome, 1, Integer::sum);
            return outcome;
        }

        private static Outcome classify(McpSession.Answer answer) {
            if (answer.status() == 503) {
                return answer.retryAfter() != null ? Outcome.UNAVAILABLE_503 : Outcome.OTHER;
            }
            if (answer.status() != 200 || !answer.message().has("result")) {
                return Outcome.OTHER;
            }
            JsonNode result = answer.message().get("result");
            String text = result.at("/content/0/text").asText();
            if (!result.path("isError").asBoolean()) {
                return Outcome.SUCCESS;
            }
            return text.startsWith("[entitlement]") || text.startsWith("[unauthorized]") ? Outcome.REFUSAL
                    : Outcome.TOOL_ERROR;
        }

        int count(Outcome outcome) {
            return counts.getOrDefault(outcome, 0);
        }

        /** Calls that got an MCP answer (success, tool error, refusal): each must be audited exactly once. */
        int answered() {
            return count(Outcome.SUCCESS) + count(Outcome.TOOL_ERROR) + count(Outcome.REFUSAL);
        }

        int total() {
            return answered() + count(Outcome.UNAVAILABLE_503) + count(Outcome.OTHER);
        }

        List<String> others() {
            return List.copyOf(others);
        }

        @Override
        public String toString() {
            return String.format("%d calls: %d success, %d tool errors, %d refusals, %d HTTP 503, %d other", total(),
                    count(Outcome.SUCCESS), count(Outcome.TOOL_ERROR), count(Outcome.REFUSAL),
                    count(Outcome.UNAVAILABLE_503), count(Outcome.OTHER));
        }
    }

    /** Tool calls every CALL_PERIOD on one thread, until closed. */
    private static final class CallStream implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        CallStream(McpSession mcp, Tally tally) {
            thread = new Thread(() -> {
                long next = System.nanoTime();
                for (int n = 0; running.get(); n++) {
                    tally.call(mcp, n);
                    next += CALL_PERIOD.toNanos();
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "fault-injection-calls");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).as("the call stream ended (no call hangs)").isFalse();
        }
    }

    /** One write to tenant-service: when it started (System.nanoTime()) and its answer. */
    private record Write(long started, int status, String retryAfter, String body) {
    }

    /**
     * Outbox-producing writes to tenant-service, one a second: create an API key, then revoke it (at most five keys may
     * be active; a revocation that failed is tried again).
     */
    private final class KeyWriter implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        private final Deque<String> toRevoke = new ArrayDeque<>();
        private final Thread thread;

        KeyWriter(String organization, String owner, String token) {
            String keys = "/internal/organizations/" + organization + "/api-keys";
            thread = new Thread(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> response;
                        if (toRevoke.isEmpty()) {
                            response = internal(token, "POST", keys, owner, Map.of("name", "outage"));
                            if (response.statusCode() == 201) {
                                toRevoke.add(JSON.readTree(response.body()).path("id").asText());
                            }
                        } else {
                            response = internal(token, "DELETE", keys + "/" + toRevoke.peek(), owner, null);
                            if (response.statusCode() == 204) {
                                toRevoke.remove();
                            }
                        }
                        writes.add(new Write(started, response.statusCode(), response.headers().firstValue("Retry-After")
                                .orElse(null), response.body()));
                        Thread.sleep(1_000);
                    } catch (IOException e) {
                        writes.add(new Write(started, -1, null, e.toString()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fault-injection-key-writes");
            thread.start();
        }

        List<Write> stop() throws InterruptedException {
            close();
            return List.copyOf(writes);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * Audit rows and usage of the organization equal its answered calls, and stay so for a quiet period; returns when
     * they first matched (System.nanoTime()).
     */
    private long awaitAuditMatches(String organization, Tally tally, String when) throws Exception {
        int answered = tally.answered();
        awaitRows(organization, answered, "every answered call audited and metered " + when + " (" + tally + ")");
        long matched = System.nanoTime();
        Thread.sleep(QUIET_PERIOD.toMillis());
        try (Connection db = LocalStackUpDownIT.connect(state.get("PG_URL"))) {
            Rows rows = toolCallRows(db, organization);
            assertThat(rows.total()).as("audit rows %s after a quiet period: %s; %s", when, rows, tally)
                    .isEqualTo(answered);
            assertThat(rows.distinct()).as("distinct invocation ids %s: %s", when, rows).isEqualTo(answered);
            assertThat(rows.success()).as("SUCCESS rows: %s; %s", rows, tally).isEqualTo(tally.count(Outcome.SUCCESS));
            assertThat(rows.errors()).as("ERROR rows: %s; %s", rows, tally).isEqualTo(tally.count(Outcome.TOOL_ERROR));
            assertThat(rows.refused()).as("REFUSED rows: %s; %s", rows, tally).isEqualTo(tally.count(Outcome.REFUSAL));
            assertThat(rows.incomplete()).as("rows still waiting for their ToolInvoked: %s", rows).isZero();
            assertThat(usageRequests(db, organization)).as("usage_daily requests %s", when).isEqualTo(answered);
        }
        return matched;
    }

    /** Waits until the organization has {@code expected} complete tool-call rows and usage; returns them. */
    private Rows awaitRows(String organization, long expected, String what) {
        Rows[] last = new Rows[1];
        await(what).atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500)).pollInSameThread().until(() -> {
            try (Connection db = LocalStackUpDownIT.connect(state.get("PG_URL"))) {
                last[0] = toolCallRows(db, organization);
                return last[0].total() >= expected && last[0].incomplete() == 0
                        && usageRequests(db, organization) >= expected;
            } catch (SQLException e) {
                return false; // the database is not reachable yet
            }
        });
        return last[0];
    }

    private record Rows(long total, long distinct, long success, long errors, long refused, long incomplete) {
    }

    private static Rows toolCallRows(Connection db, String organization) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*), count(DISTINCT entry_id),"
                + " count(*) FILTER (WHERE outcome = 'SUCCESS'), count(*) FILTER (WHERE outcome = 'ERROR'),"
                + " count(*) FILTER (WHERE outcome = 'REFUSED'), count(*) FILTER (WHERE NOT complete)"
                + " FROM audit.audit_log WHERE organization_id = ?::uuid AND kind = 'TOOL_CALL'")) {
            statement.setString(1, organization);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Rows(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6));
            }
        }
    }

    private static long usageRequests(Connection db, String organization) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT coalesce(sum(requests), 0)"
                + " FROM audit.usage_daily WHERE organization_id = ?::uuid AND tool = '*'")) {
            statement.setString(1, organization);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every outbox table of the stack's database has no unsent row; returns when that was seen (nanoTime). */
    private long awaitOutboxesDrained() {
        await("every service's outbox relayed (no row with published_at null)").atMost(RECOVERY_BOUND)
                .pollInterval(Duration.ofMillis(500)).pollInSameThread().until(() -> {
                    try (Connection db = LocalStackUpDownIT.connect(state.get("PG_URL"))) {
                        List<String> tables = new ArrayList<>();
                        try (Statement sql = db.createStatement();
                                ResultSet rs = sql.executeQuery("SELECT"
                                        + " table_schema FROM information_schema.tables WHERE table_name = 'outbox'")) {
                            while (rs.next()) {
                                tables.add(rs.getString(1));
                            }
                        }
                        assertThat(tables).as("outbox tables").contains("tenant", "billing");
                        for (String schema : tables) {
                            try (Statement sql = db.createStatement();
                                    ResultSet rs = sql.executeQuery(
                                            "SELECT count(*) FROM \"" + schema + "\".outbox WHERE published_at IS NULL")) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    } catch (SQLException e) {
                        return false;
                    }
                });
        return System.nanoTime();
    }

    /** Returns when every service was seen ready (System.nanoTime()). */
    private long awaitEveryServiceReady(String when) {
        for (String service : SERVICES) {
            awaitReady(service, when);
        }
        return System.nanoTime();
    }

    private long awaitReady(String service, String when) {
        URI health = URI.create("http://127.0.0.1:" + ports.get(service) + "/q/health/ready");
        await(service + " ready " + when).atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(250))
                .pollInSameThread().until(() -> {
                    try {
                        return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
        return System.nanoTime();
    }

    private boolean brokerAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                state.get("KAFKA_BOOTSTRAP_SERVERS"), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
        } catch (Exception e) {
            return false; // not up yet
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** An MCP session with a key, once the key has reached the gateway (401 until then). */
    private McpSession awaitSession(String key) {
        McpSession[] session = new McpSession[1];
        // once a second: unknown keys count against the source address's failed-authentication allowance
        await("the gateway accepts the new key").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .pollInSameThread().until(() -> {
                    try {
                        session[0] = new McpSession(http, state.get("GATEWAY_URL"), key);
                        return true;
                    } catch (IllegalStateException e) {
                        return false; // 401: the key is not in the gateway's projection yet
                    }
                });
        return session[0];
    }

    private String createKey(String token, String organization, String owner, String name) throws Exception {
        return expect(internal(token, "POST", "/internal/organizations/" + organization + "/api-keys", owner,
                Map.of("name", name)), 201).path("key").asText();
    }

    private HttpResponse<String> internal(String token, String method, String path, String actingUser,
            Map<String, ?> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("tenant-service") + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("X-Acting-User", actingUser).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The server's superuser (up's DB_USER) on the maintenance database, not on the stack's own. */
    private Connection superuser() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", state.get("DB_USER"));
        String password = System.getenv("DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + state.get("DB_HOST") + ":" + state.get("DB_PORT")
                + "/postgres", props);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Seconds between two System.nanoTime() values. */
    private static double seconds(long start, long end) {
        return (end - start) / 1e9;
    }
}
