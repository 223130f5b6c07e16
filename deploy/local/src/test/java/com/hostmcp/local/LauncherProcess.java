package com.hostmcp.local;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A launcher ({@code KafkaBrokerMain}, {@code PostgresMain}, {@code CreateDatabaseMain}) run as its own JVM, as
 * {@code deploy/local/up} runs it: {@code java -cp <classpath> <main class> <args>}, here with this test JVM's class
 * path (the module's classes and its dependencies). Output (stdout and stderr together) is collected line by line.
 */
final class LauncherProcess implements AutoCloseable {

    /** Exit status of a JVM that ran its shutdown hooks after a SIGTERM (128 + 15). */
    static final int EXIT_AFTER_SIGTERM = 143;

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private LauncherProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::readOutput, name + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static LauncherProcess start(String name, List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            return new LauncherProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a launcher to its end and returns it (exit code and output available). */
    static LauncherProcess run(String name, Class<?> mainClass, Duration timeout, String... args) {
        LauncherProcess launcher = start(name, List.of("-Xmx64m"), mainClass, args);
        launcher.awaitExit(timeout);
        return launcher;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits for an output line containing {@code fragment}; fails at once if the process exits first. */
    String awaitLine(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (lines.get(seen).contains(fragment)) {
                        return lines.get(seen);
                    }
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    return fail("%s exited (code %d) without printing '%s'. Output:%n%s", name, process.exitValue(),
                            fragment, output());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("%s did not print '%s' within %d s. Output:%n%s", name, fragment,
                            timeout.toSeconds(), output());
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted while waiting for %s", name);
                }
            }
        }
    }

    /** Waits for the process to exit on its own; returns its exit code (and all its output has been read). */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("%s did not exit within %d s. Output:%n%s", name, timeout.toSeconds(), output());
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for %s", name);
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, as deploy/local/down sends it; returns the exit code. Sent with {@link ProcessHandle#destroy()}:
     * {@link Process#destroy()} sends the same signal but also closes our end of the output pipe at once, so what the
     * launcher logs while stopping would be lost (and a pg_ctl writing to the inherited pipe would get SIGPIPE).
     */
    int stop(Duration timeout) {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
