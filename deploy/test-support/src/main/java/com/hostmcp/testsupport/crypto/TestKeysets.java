package com.hostmcp.testsupport.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Keysets for tests: the repository's test-only keyset (which {@link TestKeysetConfigSource} gives every service under
 * test as {@code hostmcp.crypto.keyset}), and keysets made and rotated on the spot.
 */
public final class TestKeysets {

    /** Classpath resource of the test-only keyset: two AES256_GCM keys, the second primary. Never use it elsewhere. */
    static final String TEST_ONLY_KEYSET_RESOURCE = "/hostmcp-test/test-only.keyset.json";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestKeysets() {
    }

    public static String testOnlyKeyset() {
        try (InputStream in = TestKeysets.class.getResourceAsStream(TEST_ONLY_KEYSET_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test-only keyset written to a new temporary file, for tests of {@code hostmcp.crypto.keyset-file}. */
    public static Path testOnlyKeysetFile() {
        try {
            Path file = Files.createTempFile("test-only-keyset", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, testOnlyKeyset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new keyset with one key of the given parameters. */
    public static String generate(Parameters parameters) {
        try {
            return json(KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String generateAes256Gcm() {
        return generate(PredefinedAeadParameters.AES256_GCM);
    }

    /** Step 1 and 2 of a rotation: {@code keyset} plus a new AES256_GCM key, which becomes the primary. */
    public static String withNewPrimary(String keyset) {
        try {
            return json(KeysetHandle.newBuilder(parse(keyset))
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the keys of {@code keyset} that are not its primary, the first of them primary: the keyset before rotation. */
    public static String withoutPrimary(String keyset) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(parse(keyset));
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            builder.getAt(0).makePrimary();
            return json(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeysetHandle parse(String keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    private static String json(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }
}
