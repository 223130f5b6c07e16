package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link PostgresMain} (embedded PostgreSQL 14) and {@link CreateDatabaseMain} as deploy/local/up runs them: JVMs of
 * their own, a free port, a fresh data directory. The server answers JDBC, the database is created once and found the
 * second time, SIGTERM stops the server process too (it is started by pg_ctl, not as a child of the JVM), and the data
 * is still there after a restart on the same directory.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresMainIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void embeddedPostgresServesCreatesTheDatabaseOnceStopsCleanlyAndKeepsItsData() throws Exception {
        int port = TestPorts.free();
        Path dataDir = TestDirs.fresh("postgres");
        String marker = "row-" + UUID.randomUUID();

        long postmaster;
        try (LauncherProcess postgres = startPostgres(port, dataDir)) {
            postgres.awaitLine("PostgreSQL ready on 127.0.0.1:" + port, START_TIMEOUT);
            assertThat(postgres.output()).contains("Initializing a new PostgreSQL data directory in " + dataDir);
            assertThat(queryString(port, "postgres", "select 1")).isEqualTo("1");

            LauncherProcess created = createDatabase(port);
            assertThat(created.exitCode()).as(created.output()).isZero();
            assertThat(created.output()).isEqualTo("Created database hostmcp on postgres@127.0.0.1:" + port);
            LauncherProcess again = createDatabase(port);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).isEqualTo("Database hostmcp already exists on postgres@127.0.0.1:" + port);

            assertThat(queryString(port, "hostmcp", "select current_database()")).isEqualTo("hostmcp");
            execute(port, "hostmcp", "create table launcher_it (v text)");
            execute(port, "hostmcp", "insert into launcher_it values ('" + marker + "')");

            postmaster = postmasterPid(dataDir);
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

            assertStopsCleanly(postgres);
        }
        // the server process (not a child of the launcher's JVM) is gone as well
        assertThat(awaitGone(postmaster, Duration.ofSeconds(10)))
                .as("PostgreSQL server process %d after the launcher stopped", postmaster).isTrue();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        assertThat(TestPorts.accepts(port)).as("port %d after the stop", port).isFalse();

        try (LauncherProcess postgres = startPostgres(port, dataDir)) {
            postgres.awaitLine("PostgreSQL ready on 127.0.0.1:" + port, START_TIMEOUT);
            assertThat(postgres.output()).contains("Using the PostgreSQL data in " + dataDir)
                    .doesNotContain("Initializing");
            LauncherProcess again = createDatabase(port);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).isEqualTo("Database hostmcp already exists on postgres@127.0.0.1:" + port);
            assertThat(queryString(port, "hostmcp", "select v from launcher_it")).isEqualTo(marker);

            long restarted = postmasterPid(dataDir);
            assertStopsCleanly(postgres);
            assertThat(awaitGone(restarted, Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aBusyPortIsAClearErrorAndExitCodeOne() throws Exception {
        Path dataDir = TestDirs.fresh("postgres-busy-port");
        try (ServerSocket busy = TestPorts.occupy();
                LauncherProcess postgres = startPostgres(busy.getLocalPort(), dataDir)) {
            assertThat(postgres.awaitExit(Duration.ofSeconds(60))).as(postgres.output()).isEqualTo(1);
            assertThat(postgres.output()).contains("ERROR: port " + busy.getLocalPort()
                    + " (embedded PostgreSQL) is already in use on 127.0.0.1");
        }
        // nothing was initialized
        try (var files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void createDatabaseFailsClearlyWhenNoServerAnswers() {
        int port = TestPorts.free();
        LauncherProcess create = createDatabase(port);
        assertThat(create.exitCode()).as(create.output()).isEqualTo(1);
        assertThat(create.output()).startsWith("ERROR: cannot create database hostmcp on postgres@127.0.0.1:" + port);
    }

    private static LauncherProcess startPostgres(int port, Path dataDir) {
        // 128 MB: the first start on a machine unpacks the PostgreSQL binaries (xz), which needs more than 64 MB
        return LauncherProcess.start("PostgresMain", List.of("-Xmx128m"), PostgresMain.class,
                "--port", String.valueOf(port), "--data-dir", dataDir.toString());
    }

    private static LauncherProcess createDatabase(int port) {
        return LauncherProcess.run("CreateDatabaseMain", CreateDatabaseMain.class, RUN_TIMEOUT,
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--user", "postgres", "--password", "",
                "--database", "hostmcp");
    }

    /** SIGTERM: the shutdown hook stops the server, logs it, and the JVM ends with 143 (128 + SIGTERM). */
    private static void assertStopsCleanly(LauncherProcess postgres) {
        int exitCode = postgres.stop(STOP_TIMEOUT);
        assertThat(exitCode).as("exit code after SIGTERM; output:%n%s", postgres.output())
                .isEqualTo(LauncherProcess.EXIT_AFTER_SIGTERM);
        assertThat(postgres.output()).contains("Stopping PostgreSQL...", "server stopped", "PostgreSQL stopped")
                .doesNotContain("ERROR");
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    private static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private static String queryString(int port, String database, String sql) throws SQLException {
        try (Connection connection = connect(port, database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private static void execute(int port, String database, String sql) throws SQLException {
        try (Connection connection = connect(port, database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
