package com.hostmcp.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories under {@code target/local-stack-it/} (kept after a run, for a look at the data; cleaned up front). */
final class TestDirs {

    private TestDirs() {
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("local-stack.module-dir", System.getProperty("user.dir")))
                .toAbsolutePath().normalize();
    }

    static Path buildDir() {
        return Path.of(System.getProperty("local-stack.build-dir", moduleDir().resolve("target").toString()))
                .toAbsolutePath().normalize();
    }

    /** An empty directory target/local-stack-it/NAME (deleted first if an earlier run left it). */
    static Path fresh(String name) {
        Path dir = buildDir().resolve("local-stack-it").resolve(name);
        delete(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
