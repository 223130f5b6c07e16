package com.hostmcp.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops and starts again one process of a running local stack the way {@code up} started it (Linux only: the command
 * line, environment and working directory come from {@code /proc/<pid>}). The restarted process appends to the same
 * log and its pid goes into the same pid file, so {@code status} and {@code down} see it like any other. The
 * environment holds secrets: it is passed on, never printed.
 */
final class StackProcesses {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path runDir;

    StackProcesses(Path runDir) {
        this.runDir = runDir;
    }

    /** What is needed to start a stopped process again; {@link #toString()} names the process only. */
    static final class Launch {
        private final String name;
        private final List<String> command;
        private final Map<String, String> environment;
        private final Path workingDirectory;

        private Launch(String name, List<String> command, Map<String, String> environment, Path workingDirectory) {
            this.name = name;
            this.command = command;
            this.environment = environment;
            this.workingDirectory = workingDirectory;
        }

        String name() {
            return name;
        }

        @Override
        public String toString() {
            return "Launch[" + name + "]";
        }
    }

    long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(pidFile(name)).trim());
    }

    /** The environment a running process was started with (secrets included: never print it). */
    Map<String, String> environment(String name) throws IOException {
        return readEnvironment(Path.of("/proc", String.valueOf(pid(name)), "environ"));
    }

    /**
     * Stops {@code name} with SIGTERM ({@code kill = false}, waiting for its shutdown) or SIGKILL, and returns how to
     * start it again.
     */
    Launch stop(String name, boolean kill) throws IOException, InterruptedException {
        long pid = pid(name);
        Path proc = Path.of("/proc", String.valueOf(pid));
        Launch launch = new Launch(name, nulSeparated(proc.resolve("cmdline")), readEnvironment(proc.resolve("environ")),
                Files.readSymbolicLink(proc.resolve("cwd")));
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        if (kill) {
            // kill -9, not ProcessHandle.destroyForcibly(): that one only works on the JVM's own children
            Process killer = new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start();
            if (killer.waitFor() != 0) {
                throw new IllegalStateException("kill -9 " + pid + " (" + name + ") failed");
            }
        } else {
            Process term = new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).inheritIO().start();
            if (term.waitFor() != 0) {
                throw new IllegalStateException("kill -TERM " + pid + " (" + name + ") failed");
            }
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (process.isAlive() && !zombie(pid)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " (pid " + pid + ") still running " + STOP_TIMEOUT.toSeconds()
                        + " s after the signal");
            }
            Thread.sleep(100);
        }
        return launch;
    }

    /** Starts a stopped process again as before, appending to its log; returns the new pid (also in its pid file). */
    long start(Launch launch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command).directory(launch.workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(launch.name).toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(launch.environment);
        long pid = builder.start().pid();
        Files.writeString(pidFile(launch.name), pid + "\n", StandardCharsets.UTF_8);
        return pid;
    }

    Path logFile(String name) {
        return runDir.resolve("logs").resolve(name + ".log");
    }

    private Path pidFile(String name) {
        return runDir.resolve("pids").resolve(name + ".pid");
    }

    private static List<String> nulSeparated(Path file) throws IOException {
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        for (String part : content.split("\0")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static Map<String, String> readEnvironment(Path file) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : nulSeparated(file)) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return environment;
    }

    /** A killed process that its parent has not reaped yet is as good as gone. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true; // gone in the meantime
        }
    }
}
