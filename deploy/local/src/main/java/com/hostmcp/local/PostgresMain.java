package com.hostmcp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (zonky binaries from Maven Central) with a persistent data directory, for machines without a
 * server on 127.0.0.1:5432.
 *
 * <pre>
 * PostgresMain [--port 5433] [--data-dir .data/postgres]
 * </pre>
 *
 * The superuser is {@code postgres} with trust authentication on localhost. Prints
 * {@code PostgreSQL ready on 127.0.0.1:PORT}; stops the server on SIGTERM/SIGINT.
 */
public final class PostgresMain {

    static final String USAGE = "Usage: PostgresMain [--port 5433] [--data-dir DIR]";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMain.class);

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        LauncherArgs options = LauncherArgs.parse(args, USAGE, Set.of("--port", "--data-dir"));
        int port = options.port("--port", 5433);
        Path dataDir = Path.of(options.get("--data-dir", ".data/postgres")).toAbsolutePath().normalize();
        Ports.requireFree(port, "embedded PostgreSQL");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            System.err.println("ERROR: cannot create the data directory " + dataDir + ": " + e);
            System.exit(1);
        }
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        LOG.info(fresh ? "Initializing a new PostgreSQL data directory in {}" : "Using the PostgreSQL data in {}",
                dataDir);

        EmbeddedPostgres postgres;
        long started = System.nanoTime();
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the server writes its own log lines to this process's output (the local stack's log file)
                    .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                    .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException | RuntimeException e) {
            LOG.error("Embedded PostgreSQL failed to start", e);
            System.err.println("ERROR: embedded PostgreSQL failed to start: " + e.getMessage()
                    + ". If " + dataDir.resolve("postmaster.pid")
                    + " names a server that is still running, stop it; if the data directory is damaged,"
                    + " delete " + dataDir + " (its databases are lost).");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping PostgreSQL...");
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warn("Error while stopping PostgreSQL", e);
            }
            LOG.info("PostgreSQL stopped");
            stopped.countDown();
        }, "postgres-shutdown"));
        LOG.info("PostgreSQL ready on 127.0.0.1:{} (user postgres, {} ms, data in {})", port,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
        stopped.await();
    }
}
