package com.hostmcp.tenant.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/** Keysets for tests: the repository's test-only keyset, and keysets made and rotated on the spot. */
final class TestKeysets {

    /** The keyset the tests' application runs with (src/test/resources, configured in application.properties). */
    static final Path TEST_ONLY_KEYSET = Path.of("src/test/resources/test-only.keyset.json");

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestKeysets() {
    }

    static String testOnlyKeyset() {
        try {
            return Files.readString(TEST_ONLY_KEYSET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new keyset with one key of the given parameters. */
    static String generate(Parameters parameters) {
        try {
            return json(KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String generateAes256Gcm() {
        return generate(PredefinedAeadParameters.AES256_GCM);
    }

    /** Step 1 and 2 of a rotation: {@code keyset} plus a new AES256_GCM key, which becomes the primary. */
    static String withNewPrimary(String keyset) {
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
    static String withoutPrimary(String keyset) {
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
