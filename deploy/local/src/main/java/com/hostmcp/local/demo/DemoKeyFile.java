package com.hostmcp.local.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The demo API key the seeding keeps under the data directory ({@code DEMO_API_KEY_ID=...} and {@code DEMO_API_KEY=...}
 * lines, owner-readable only): dashboard-api shows a key once, so a restart can reuse it only from here.
 */
public final class DemoKeyFile {

    static final String ID = "DEMO_API_KEY_ID=";
    static final String KEY = "DEMO_API_KEY=";

    private final Path file;

    public DemoKeyFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The stored key, or empty when there is no file or it lacks either line (then a new key is made). */
    public Optional<StoredKey> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String id = null;
        String key = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(ID)) {
                id = line.substring(ID.length()).strip();
            } else if (line.startsWith(KEY)) {
                key = line.substring(KEY.length()).strip();
            }
        }
        if (id == null || id.isEmpty() || key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredKey(id, key));
    }

    /** Replaces the file atomically; the new file is readable by its owner only from the start. */
    public void write(StoredKey stored) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".demo-api-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.writeString(temp, "# The local stack's demo API key (deploy/local/up); reused while it is active."
                    + " Never commit or share.\n" + ID + stored.id() + "\n" + KEY + stored.key() + "\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A key as dashboard-api issued it: its id and the full key. */
    public record StoredKey(String id, String key) {

        @Override
        public String toString() {
            return "StoredKey[" + id + "]"; // never the key
        }
    }
}
