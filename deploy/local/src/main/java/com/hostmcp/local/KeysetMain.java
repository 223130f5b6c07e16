package com.hostmcp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Creates the local stack's Tink keyset (AES-256-GCM) that encrypts Hostaway secrets, once: an existing file is kept so
 * that stored credentials stay readable across restarts. The file lives under the git-ignored data folder, readable by
 * its owner only; a real deployment takes its keyset from a secret instead.
 */
public final class KeysetMain {

    private KeysetMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KeysetMain <keyset-file>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (Files.exists(file)) {
            System.out.println("Keyset kept: " + file);
            return;
        }
        AeadConfig.register();
        KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        write(file, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
        System.out.println("Keyset created: " + file);
    }

    private static void write(Path file, String json) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "keyset", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own permissions apply
        }
        Files.writeString(temp, json);
        Files.move(temp, file);
    }
}
