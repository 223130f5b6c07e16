package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real {@code deploy/local/up --detach} and {@code deploy/local/down}, with the services, the stand-ins and this
 * module packaged earlier in the same reactor build ({@code --no-build}: the script must neither build nor resolve
 * anything with Maven). The stack gets its own run and data directories under {@code target/local-stack-it/} and
 * its own free ports, so a developer's stack (on the default ports, in {@code deploy/local/.run}) is never touched.
 *
 * <p>
 * Needs every service's {@code target/quarkus-app}, so the whole reactor ({@code ./mvnw verify}); with
 * {@code -pl deploy/local} skip it explicitly with {@code -Dlocal-stack.skip}.
 */
@DisabledIfSystemProperty(named = "local-stack.skip", matches = "(?i)|true", disabledReason = "-Dlocal-stack.skip")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class LocalStackUpDownIT {

    private static final List<String> SERVICES = List.of("tenant-service", "billing-service", "sync-service",
            "audit-service", "mcp-gateway", "dashboard-api");
    private static final List<String> REQUIRED_STATE = List.of("GATEWAY_URL", "DASHBOARD_URL",
            "KAFKA_BOOTSTRAP_SERVERS", "PG_URL", "HOSTAWAY_API_URL", "STRIPE_API_URL", "KEYCLOAK_URL",
            "KEYCLOAK_REALM", "KEYCLOAK_CLI_CLIENT_ID", "OIDC_AUTH_SERVER_URL", "DEMO_USER", "DEMO_PASSWORD",
            "DEMO_API_KEY");
    private static final List<String> INTERNAL_ROLES = List.of("tenant-api", "billing-api", "sync-api", "audit-api");
    /**
     * Not the developer's hostmcp database when the server on 127.0.0.1:5432 is used, and one per checkout (two
     * checkouts building at once must not drop each other's); dropped before and after the test.
     */
    private static final String DB_NAME = "hostmcp_local_stack_it_"
            + Integer.toHexString(TestDirs.moduleDir().toString().hashCode());
    private static final int START_TIMEOUT_SECONDS = 180;
    /** Keycloak, then the services, may each take START_TIMEOUT_SECONDS; then the demo seeding. */
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(2 * START_TIMEOUT_SECONDS + 90);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(180);
    private static final String ORGANIZATION_CREATED = "com.hostmcp.tenant.OrganizationCreated.v1";
    /** How long no further audit row may appear after the first one. */
    private static final Duration AUDIT_QUIET_PERIOD = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path localDir = TestDirs.moduleDir();
    private final Path itDir = TestDirs.buildDir().resolve("local-stack-it");
    private final Path runDir = itDir.resolve("run");
    private final Path dataDir = itDir.resolve("data");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * The Stripe secrets the stack runs with (the stand-in takes any sk_test_ key and the webhook secret it is given),
     * made at run time so that the secret-hygiene scan looks for values only this run's processes were given.
     */
    private final String stripeApiKey = "sk_test_" + Secrets.alphanumeric(24);
    private final String stripeWebhookSecret = "whsec_" + Secrets.alphanumeric(32);

    @Test
    void upStartsEveryServiceAndDownStopsEverythingItStarted() throws Exception {
        Path root = localDir.getParent().getParent();
        for (String service : SERVICES) {
            assertThat(root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"))
                    .as("%s is not packaged. This test runs deploy/local/up against the services packaged earlier in"
                            + " the same build: run the whole reactor (./mvnw verify), or skip it with"
                            + " -Dlocal-stack.skip", service)
                    .exists();
        }
        Map<String, Integer> ports = freePorts();
        cleanUpEarlierRun(ports);
        dropItDatabase();

        Thread downOnExit = new Thread(() -> script("down", ports, "down-on-exit", DOWN_TIMEOUT));
        Runtime.getRuntime().addShutdownHook(downOnExit);
        Map<String, Long> pids;
        Map<String, String> state;
        try {
            Script up = script("up", ports, "up", UP_TIMEOUT, "--detach", "--no-build", "--timeout",
                    String.valueOf(START_TIMEOUT_SECONDS));
            assertThat(up.exitCode).as("exit code of deploy/local/up; its output:%n%s", up.output).isZero();
            assertThat(up.output).contains("HostMCP local platform is UP", "Demo API key created")
                    .doesNotContain("Building the platform", "Resolving the launchers' classpath");

            state = readState();
            pids = recordedPids();
            List<String> expected = new ArrayList<>(SERVICES);
            expected.addAll(List.of("hostaway", "stripe", "keycloak", "kafka"));
            if ("embedded".equals(state.get("PG_MODE"))) {
                expected.add("postgres");
            }
            assertThat(pids).as("pid files in %s", runDir.resolve("pids")).containsOnlyKeys(expected);
            if ("embedded".equals(state.get("PG_MODE"))) {
                // started by pg_ctl, not a child of the launcher: down must stop it as well
                pids.put("postgres server", postmasterPid());
            }
            pids.forEach((name, pid) -> assertThat(running(pid)).as("%s (pid %d) running", name, pid).isTrue());

            for (String service : SERVICES) {
                assertReady(service, ports.get(service));
            }
            assertState(state, ports);
            assertDemoIsPrintedReadyToUse(up.output, state);
            assertSecretsAreOwnerReadableOnly();
            assertTheRealmWasImportedWithTheGeneratedSecrets(state);
            assertDemoKeyListsTheToolsThroughTheGateway(state);
            assertDashboardSignInGoesThroughTheRealm(state);

            String serviceToken = serviceToken(state);
            assertFirstLoginReachesTheAuditLogOnce(state, ports.get("tenant-service"), serviceToken);
            new CrossServiceJourney(state, ports, serviceToken).run();
            Duration apiJourney = new DashboardApiJourney(state, http, "admin",
                    secrets().get("KEYCLOAK_ADMIN_PASSWORD")).run();
            System.out.printf("Dashboard API journey (every /api endpoint, roles, cross-organization, bad input):"
                    + " %d s%n", apiJourney.toSeconds());
            Duration crossTenant = new CrossTenantJourney(state, http, "admin",
                    secrets().get("KEYCLOAK_ADMIN_PASSWORD")).run();
            System.out.printf("Cross-tenant journey (100 organizations, each other's ids on every id-taking endpoint):"
                    + " %d s%n", crossTenant.toSeconds());
            BrowserOnboardingJourney.Timings browser = new BrowserOnboardingJourney(state).run();
            System.out.printf("Browser onboarding (dashboard opened -> key copied): %.1f s; whole browser journey"
                    + " %.1f s%n", browser.onboarding().toMillis() / 1000.0, browser.total().toMillis() / 1000.0);
            long faults = System.nanoTime();
            new FaultInjectionJourney(state, ports, runDir, () -> serviceToken(state)).run();
            System.out.printf("Fault injection (Kafka, audit-service, database): %d s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - faults));
            // Kafka and audit-service were restarted: down must find their new processes
            pids = recordedPids();
            if ("embedded".equals(state.get("PG_MODE"))) {
                pids.put("postgres server", postmasterPid());
            }
            new SecretHygieneScan(state, secrets(), new StackProcesses(runDir).environment("billing-service")).run();
            assertStatusAndLogsDescribeTheRunningStack(ports);

            // a restart keeps the data: Keycloak's users and secrets, the organization and the demo key
            Script down = script("down", ports, "down-restart", DOWN_TIMEOUT);
            assertThat(down.exitCode).as("deploy/local/down before the restart:%n%s", down.output).isZero();
            assertAllGone(pids, ports, down.output);
            Script again = script("up", ports, "up-again", UP_TIMEOUT, "--detach", "--no-build", "--timeout",
                    String.valueOf(START_TIMEOUT_SECONDS));
            assertThat(again.exitCode).as("deploy/local/up after down; its output:%n%s", again.output).isZero();
            assertThat(again.output).as(again.output).contains("Hostaway sandbox account already connected",
                    "Demo API key reused");
            Map<String, String> restarted = readState();
            assertThat(restarted).as("state.env after the restart")
                    .containsEntry("DEMO_API_KEY", state.get("DEMO_API_KEY"))
                    .containsEntry("DEMO_PASSWORD", state.get("DEMO_PASSWORD"));
            assertDemoKeyListsTheToolsThroughTheGateway(restarted);
            pids = recordedPids();
            if ("embedded".equals(state.get("PG_MODE"))) {
                pids.put("postgres server", postmasterPid());
            }
        } catch (Throwable t) {
            try {
                Script down = script("down", ports, "down", DOWN_TIMEOUT);
                assertThat(down.exitCode).as("down after a failed test:%n%s", down.output).isZero();
            } catch (Throwable downFailure) {
                t.addSuppressed(downFailure);
            }
            dropItDatabase();
            throw t;
        } finally {
            Runtime.getRuntime().removeShutdownHook(downOnExit);
        }

        Script down = script("down", ports, "down", DOWN_TIMEOUT, "--purge");
        try {
            assertThat(down.exitCode).as("exit code of deploy/local/down; its output:%n%s", down.output).isZero();
            assertThat(dataDir).as("--purge deletes the data directory, Keycloak's database and the generated"
                    + " secrets included:%n%s", down.output).doesNotExist();
            Script stopped = script("status", ports, "status-after-down", Duration.ofSeconds(30));
            assertThat(stopped.exitCode).as("status of a stopped stack:%n%s", stopped.output).isEqualTo(3);
            assertAllGone(pids, ports, down.output);
        } finally {
            if ("existing".equals(state.get("PG_MODE"))) {
                dropItDatabase();
            }
        }
    }

    /** Every recorded process (Keycloak's too) ended, every port closed, no pid file or state.env left. */
    private void assertAllGone(Map<String, Long> pids, Map<String, Integer> ports, String downOutput)
            throws Exception {
        assertThat(pids).containsKey("keycloak");
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            assertThat(awaitGone(pid.getValue(), Duration.ofSeconds(10)))
                    .as("%s (pid %d) still running after down:%n%s", pid.getKey(), pid.getValue(), downOutput)
                    .isTrue();
        }
        ports.forEach((name, port) -> assertThat(TestPorts.accepts(port))
                .as("port %d (%s) still open after down", port, name).isFalse());
        try (Stream<Path> left = Files.list(runDir.resolve("pids"))) {
            assertThat(left).as("pid files left by down").isEmpty();
        }
        assertThat(runDir.resolve("state.env")).doesNotExist();
    }

    @Test
    void upRefusesABusyPortAtOnceNamingItAndItsVariable() throws Exception {
        Map<String, Integer> ports = freePorts();
        cleanUpEarlierRun(ports);
        try (ServerSocket busy = TestPorts.occupy()) {
            ports.put("mcp-gateway", busy.getLocalPort());
            Script up = script("up", ports, "up-busy-port", Duration.ofSeconds(60), "--detach", "--no-build");
            assertThat(up.exitCode).as(up.output).isEqualTo(1);
            assertThat(up.output).contains("ERROR: cannot start: already in use on 127.0.0.1:",
                    "port " + busy.getLocalPort() + " (mcp-gateway, GATEWAY_PORT)");
        }
        try (Stream<Path> pidFiles = Files.list(runDir.resolve("pids"))) {
            assertThat(pidFiles).as("nothing was started").isEmpty();
        }
    }

    /** Stops what an interrupted earlier run of this test left running (its own run directory only), clears it. */
    private void cleanUpEarlierRun(Map<String, Integer> ports) {
        Script cleanup = script("down", ports, "cleanup", DOWN_TIMEOUT);
        assertThat(cleanup.exitCode).as("down before the test:%n%s", cleanup.output).isZero();
        TestDirs.delete(runDir);
        TestDirs.delete(dataDir);
    }

    /** Free ports for every process (the embedded PostgreSQL's too, in case there is no server on 5432). */
    private static Map<String, Integer> freePorts() {
        List<String> names = new ArrayList<>(SERVICES);
        names.addAll(List.of("hostaway", "stripe", "kafka", "kafka-controller", "keycloak", "embedded-postgres"));
        int[] free = TestPorts.free(names.size());
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ports.put(names.get(i), free[i]);
        }
        return ports;
    }

    private record Script(int exitCode, String output) {
    }

    /**
     * Runs deploy/local/up or down with this test's directories and ports; output goes to target/local-stack-it/NAME.log
     * (a file, not a pipe: the processes up starts in the background must not hold on to our stdout).
     */
    private Script script(String command, Map<String, Integer> ports, String logName, Duration timeout,
            String... args) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(localDir.resolve(command).toString());
        commandLine.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(localDir.getParent().getParent().toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HOSTMCP_RUN_DIR", runDir.toString());
        env.put("HOSTMCP_DATA_DIR", dataDir.toString());
        env.put("DB_NAME", DB_NAME);
        env.put("STRIPE_API_KEY", stripeApiKey);
        env.put("STRIPE_WEBHOOK_SECRET", stripeWebhookSecret);
        env.put("TENANT_PORT", String.valueOf(ports.get("tenant-service")));
        env.put("BILLING_PORT", String.valueOf(ports.get("billing-service")));
        env.put("SYNC_PORT", String.valueOf(ports.get("sync-service")));
        env.put("AUDIT_PORT", String.valueOf(ports.get("audit-service")));
        env.put("GATEWAY_PORT", String.valueOf(ports.get("mcp-gateway")));
        env.put("DASHBOARD_PORT", String.valueOf(ports.get("dashboard-api")));
        env.put("HOSTAWAY_PORT", String.valueOf(ports.get("hostaway")));
        env.put("STRIPE_PORT", String.valueOf(ports.get("stripe")));
        env.put("KAFKA_PORT", String.valueOf(ports.get("kafka")));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(ports.get("kafka-controller")));
        env.put("KEYCLOAK_PORT", String.valueOf(ports.get("keycloak")));
        env.put("EMBEDDED_PG_PORT", String.valueOf(ports.get("embedded-postgres")));
        Path log = itDir.resolve(logName + ".log");
        try {
            Files.createDirectories(itDir);
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                // up stops what it started on SIGTERM
                process.destroy();
                process.waitFor(DOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                return fail("deploy/local/%s did not finish within %d s; its output:%n%s", command,
                        timeout.toSeconds(), Files.readString(log));
            }
            return new Script(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            return fail("cannot run deploy/local/" + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running deploy/local/" + command);
        }
    }

    private Map<String, String> readState() throws IOException {
        return envFile(runDir.resolve("state.env"));
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        assertThat(file).as("%s written by up", file.getFileName()).exists();
        Map<String, String> state = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                state.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return state;
    }

    private Map<String, Long> recordedPids() throws IOException {
        Map<String, Long> pids = new TreeMap<>();
        try (Stream<Path> files = Files.list(runDir.resolve("pids"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                pids.put(name, Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    private void assertReady(String service, int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s /q/health/ready: %s", service, response.body()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).as("%s readiness: %s", service, response.body()).isEqualTo("UP");
    }

    private void assertState(Map<String, String> state, Map<String, Integer> ports) throws Exception {
        assertThat(state).containsKeys(REQUIRED_STATE.toArray(String[]::new));
        REQUIRED_STATE.forEach(key -> assertThat(state.get(key)).as(key).isNotBlank());
        assertThat(state).containsEntry("GATEWAY_URL", "http://127.0.0.1:" + ports.get("mcp-gateway") + "/mcp")
                .containsEntry("DASHBOARD_URL", "http://127.0.0.1:" + ports.get("dashboard-api"))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.get("kafka"))
                .containsEntry("HOSTAWAY_API_URL", "http://127.0.0.1:" + ports.get("hostaway"))
                .containsEntry("STRIPE_API_URL", "http://127.0.0.1:" + ports.get("stripe"));
        assertThat(state.get("PG_URL")).startsWith("postgresql://").endsWith("/" + DB_NAME);
        String keycloak = "http://127.0.0.1:" + ports.get("keycloak");
        assertThat(state).containsEntry("KEYCLOAK_URL", keycloak).containsEntry("KEYCLOAK_REALM", "hostmcp")
                .containsEntry("OIDC_AUTH_SERVER_URL", keycloak + "/realms/hostmcp")
                .containsEntry("KEYCLOAK_CLI_CLIENT_ID", "hostmcp-cli")
                .containsEntry("DEMO_USER", "demo@hostmcp.local")
                .containsEntry("DEMO_PASSWORD", secrets().get("DEMO_PASSWORD"));
        assertThat(state.get("DEMO_API_KEY")).matches("hmcp_[A-Za-z0-9]+");

        // the values work: PostgreSQL (the database up created), Kafka, the stand-ins
        assertThat(queryPgUrl(state.get("PG_URL"), "select current_database()")).isEqualTo(DB_NAME);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                state.get("KAFKA_BOOTSTRAP_SERVERS"), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        for (String key : List.of("HOSTAWAY_API_URL", "STRIPE_API_URL")) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(state.get(key) + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as("%s answers HTTP", key).isBetween(200, 499);
        }
    }

    /** The end of up's output: how to sign in and how to connect an MCP client, with the values of state.env. */
    private static void assertDemoIsPrintedReadyToUse(String output, Map<String, String> state) {
        assertThat(output).as(output).contains("Dashboard         " + state.get("DASHBOARD_URL"),
                "Demo login        " + state.get("DEMO_USER") + " / " + state.get("DEMO_PASSWORD"),
                "Demo API key      " + state.get("DEMO_API_KEY"),
                "MCP endpoint      " + state.get("GATEWAY_URL"),
                "\"url\": \"" + state.get("GATEWAY_URL") + "\"",
                "\"headers\": { \"X-API-Key\": \"" + state.get("DEMO_API_KEY") + "\" }");
    }

    /** state.env (demo password and key), the generated secrets and the kept demo key: rw for the owner only. */
    private void assertSecretsAreOwnerReadableOnly() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // no POSIX permissions to check (not Linux or macOS)
        }
        for (Path file : List.of(runDir.resolve("state.env"), dataDir.resolve("secrets.env"),
                dataDir.resolve("demo-api-key.env"))) {
            assertThat(Files.getPosixFilePermissions(file)).as("permissions of %s", file)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("keycloak"))).as("Keycloak's database directory")
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }

    /**
     * Keycloak substituted the realm file's ${HOSTMCP_...} placeholders with up's generated values: the demo user signs
     * in with the generated password and not with the placeholder text, and dashboard-api's service account gets a
     * token with its generated secret and carries the four internal roles.
     */
    private void assertTheRealmWasImportedWithTheGeneratedSecrets(Map<String, String> state) throws Exception {
        HttpResponse<String> demo = token(state, Map.of("grant_type", "password", "client_id",
                state.get("KEYCLOAK_CLI_CLIENT_ID"), "username", state.get("DEMO_USER"), "password",
                state.get("DEMO_PASSWORD")));
        assertThat(demo.statusCode()).as("the demo user's password grant: %s", demo.body()).isEqualTo(200);
        JsonNode claims = claims(JSON.readTree(demo.body()).path("access_token").asText());
        assertThat(claims.path("email").asText()).isEqualTo("demo@hostmcp.local");
        assertThat(claims.path("email_verified").asBoolean()).isTrue();
        assertThat(claims.path("iss").asText()).isEqualTo(state.get("OIDC_AUTH_SERVER_URL"));

        HttpResponse<String> placeholder = token(state, Map.of("grant_type", "password", "client_id",
                state.get("KEYCLOAK_CLI_CLIENT_ID"), "username", state.get("DEMO_USER"), "password",
                "${HOSTMCP_DEMO_PASSWORD}"));
        assertThat(placeholder.statusCode()).as("the placeholder itself is no password: %s", placeholder.body())
                .isIn(400, 401);
        assertThat(JSON.readTree(placeholder.body()).path("error").asText()).isEqualTo("invalid_grant");

        JsonNode service = claims(serviceToken(state));
        List<String> roles = new ArrayList<>();
        service.at("/realm_access/roles").forEach(role -> roles.add(role.asText()));
        assertThat(roles).as("realm roles of dashboard-api's service account").containsAll(INTERNAL_ROLES);
        assertThat(service.path("azp").asText()).isEqualTo("dashboard-api");
    }

    /**
     * The realm's dashboard client fits dashboard-api: its sign-in sends a browser to the realm's login page (with the
     * "Register" link: self-registration is on) for exactly the dashboard's redirect URI, PKCE (S256) is required,
     * and a foreign redirect URI is refused.
     */
    private void assertDashboardSignInGoesThroughTheRealm(Map<String, String> state) throws Exception {
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(state.get("DASHBOARD_URL") + "/login"))
                .timeout(Duration.ofSeconds(15)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(login.statusCode()).as("GET /login of a browser without a session").isIn(302, 303);
        String authorize = login.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(state.get("OIDC_AUTH_SERVER_URL") + "/protocol/openid-connect/auth?")
                .contains("client_id=dashboard&", "code_challenge_method=S256",
                        "redirect_uri=" + URLEncoder.encode(state.get("DASHBOARD_URL") + "/login",
                                StandardCharsets.UTF_8));

        HttpResponse<String> page = get(authorize);
        assertThat(page.statusCode()).as("Keycloak's login page for the dashboard: %s", page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in to HostMCP", "kc-registration");

        HttpResponse<String> withoutPkce = get(authorize.replaceAll("&code_challenge(_method)?=[^&]*", ""));
        assertThat(withoutPkce.headers().firstValue("Location").orElse(withoutPkce.body()))
                .as("an authorization request without PKCE").contains("code_challenge_method");
        HttpResponse<String> foreign = get(authorize.replaceFirst("redirect_uri=[^&]*",
                "redirect_uri=" + URLEncoder.encode("http://evil.example/login", StandardCharsets.UTF_8)));
        assertThat(foreign.statusCode()).as("a foreign redirect URI").isEqualTo(400);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The demo key up printed works with an MCP client: the gateway lists its tools. */
    private void assertDemoKeyListsTheToolsThroughTheGateway(Map<String, String> state) throws Exception {
        McpSession mcp = new McpSession(http, state.get("GATEWAY_URL"), state.get("DEMO_API_KEY"));
        assertThat(mcp.listTools()).as("tools/list with the demo key").contains("list_listings", "get_listing");
    }

    /** A client-credentials token of dashboard-api (the internal services' caller), with up's generated secret. */
    private String serviceToken(Map<String, String> state) throws Exception {
        HttpResponse<String> response = token(state, Map.of("grant_type", "client_credentials", "client_id",
                "dashboard-api", "client_secret", secrets().get("DASHBOARD_API_CLIENT_SECRET")));
        assertThat(response.statusCode()).as("dashboard-api's client credentials grant: %s", response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> token(Map<String, String> state, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(state.get("OIDC_AUTH_SERVER_URL")
                + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a JWT").hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** The secrets up generated into the data directory. */
    private Map<String, String> secrets() throws IOException {
        return envFile(dataDir.resolve("secrets.env"));
    }

    /** postgresql://USER@HOST:PORT/DB (state.env's form) over JDBC, with DB_PASSWORD from the environment if set. */
    private static String queryPgUrl(String pgUrl, String sql) throws SQLException {
        try (Connection connection = connect(pgUrl);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** A JDBC connection to state.env's PG_URL; every statement on it is bounded by a socket timeout. */
    static Connection connect(String pgUrl) throws SQLException {
        URI uri = URI.create(pgUrl);
        Properties props = new Properties();
        props.setProperty("user", uri.getUserInfo());
        String password = System.getenv("DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "15");
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
        return DriverManager.getConnection(jdbc, props);
    }

    private static long count(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The outbox and the idempotent consumer across processes, as in production: dashboard-api's first login of a
     * user (POST /internal/organizations with a client-credentials token carrying tenant-api) creates the
     * organization (201) and writes OrganizationCreated to tenant-service's outbox in the same transaction; the relay
     * publishes it to tenant.events.v1 on the real broker and marks the row sent; audit-service stores it in
     * audit.audit_log exactly once. A second login (200, the same organization) publishes nothing.
     */
    private void assertFirstLoginReachesTheAuditLogOnce(Map<String, String> state, int tenantPort, String token)
            throws Exception {
        String unique = UUID.randomUUID().toString();
        String registration = JSON.writeValueAsString(Map.of("subject", "local-stack-it-" + unique,
                "email", "it-" + unique + "@example.com", "organizationName", "Local stack IT"));

        HttpResponse<String> first = registerOrganization(tenantPort, token, registration);
        assertThat(first.statusCode()).as("first login: POST /internal/organizations answered %s", first.body())
                .isEqualTo(201);
        String organizationId = JSON.readTree(first.body()).path("organizationId").asText();
        assertThat(organizationId).as("organizationId in %s", first.body())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        HttpResponse<String> second = registerOrganization(tenantPort, token, registration);
        assertThat(second.statusCode()).as("second login: POST /internal/organizations answered %s", second.body())
                .isEqualTo(200);
        assertThat(JSON.readTree(second.body()).path("organizationId").asText()).as(second.body())
                .isEqualTo(organizationId);

        String audited = "select count(*) from audit.audit_log where organization_id = ?::uuid and action = ?";
        String outboxRows = "select count(*) from tenant.outbox where topic = 'tenant.events.v1' and message_key = ?"
                + " and event_type = ?";
        String sentRows = outboxRows + " and published_at is not null";
        try (Connection db = connect(state.get("PG_URL"))) {
            await("OrganizationCreated of " + organizationId + " stored by audit-service (audit.audit_log)")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> count(db, audited, organizationId, ORGANIZATION_CREATED) > 0);
            await("tenant-service's outbox row for OrganizationCreated of " + organizationId + " marked sent")
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> count(db, sentRows, organizationId, ORGANIZATION_CREATED) > 0);
            assertThat(count(db, outboxRows, organizationId, ORGANIZATION_CREATED))
                    .as("OrganizationCreated rows in tenant.outbox for %s (the second login must add none)",
                            organizationId)
                    .isEqualTo(1);
            assertThat(count(db, audited, organizationId, ORGANIZATION_CREATED))
                    .as("audit.audit_log rows for OrganizationCreated of %s", organizationId).isEqualTo(1);
            // nothing more arrives later: no second event, no duplicate delivery stored twice
            Thread.sleep(AUDIT_QUIET_PERIOD.toMillis());
            assertThat(count(db, audited, organizationId, ORGANIZATION_CREATED))
                    .as("audit.audit_log rows for OrganizationCreated of %s after a quiet period of %d s",
                            organizationId, AUDIT_QUIET_PERIOD.toSeconds())
                    .isEqualTo(1);
            assertThat(count(db, outboxRows, organizationId, ORGANIZATION_CREATED))
                    .as("OrganizationCreated rows in tenant.outbox for %s after the quiet period", organizationId)
                    .isEqualTo(1);
        }
    }

    private void assertStatusAndLogsDescribeTheRunningStack(Map<String, Integer> ports) {
        Script status = script("status", ports, "status", Duration.ofSeconds(60));
        assertThat(status.exitCode).as("deploy/local/status of the running stack:%n%s", status.output).isZero();
        for (String process : Stream.concat(SERVICES.stream(), Stream.of("keycloak")).toList()) {
            assertThat(status.output).as(status.output).containsPattern(process + "\\s+running\\s+\\d+\\s+\\d+\\s+UP");
        }
        Script logs = script("logs", ports, "logs", Duration.ofSeconds(30), "tenant-service", "-n", "5");
        assertThat(logs.exitCode).as(logs.output).isZero();
        assertThat(logs.output.strip().split("\n")).as(logs.output).hasSizeBetween(1, 5);
        Script unknown = script("logs", ports, "logs-unknown", Duration.ofSeconds(30), "no-such-service");
        assertThat(unknown.exitCode).isNotZero();
        assertThat(unknown.output).contains("unknown name").contains("mcp-gateway");
    }

    private HttpResponse<String> registerOrganization(int tenantPort, String token, String json) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + tenantPort + "/internal/organizations");
        return http.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Drops this test's database on the server up uses when one answers on 127.0.0.1:PG_PORT (5432), so every run
     * starts from an empty database (a migration edited since the last run must not fail Flyway's checksum check).
     */
    private static void dropItDatabase() {
        String embedded = System.getenv().getOrDefault("HOSTMCP_EMBEDDED_PG", "0");
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("PG_PORT", "5432"));
        if (embedded.matches("1|true|yes") || !TestPorts.accepts(pgPort)) {
            return;
        }
        Properties props = new Properties();
        props.setProperty("user", System.getenv().getOrDefault("DB_USER", "postgres"));
        String password = System.getenv("DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                props); Statement statement = connection.createStatement()) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + DB_NAME + " WITH (FORCE)");
            } catch (SQLException e) {
                statement.execute("DROP DATABASE IF EXISTS " + DB_NAME); // before PostgreSQL 13
            }
        } catch (SQLException e) {
            // not fatal: up creates the database if missing, and reuses it otherwise
            System.err.println("WARNING: cannot drop database " + DB_NAME + " on 127.0.0.1:" + pgPort + ": " + e);
        }
    }

    /** Alive and not a zombie (a process whose parent has not reaped it yet is as good as gone). */
    private static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return true; // no procfs (macOS): ProcessHandle's answer
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')'
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone in the meantime
        }
    }

    private static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
