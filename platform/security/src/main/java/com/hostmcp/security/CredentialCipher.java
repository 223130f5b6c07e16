package com.hostmcp.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;

/**
 * Encrypts Hostaway secrets with Tink AEAD (AES-256-GCM), the organization id as associated data: a ciphertext copied
 * to another organization does not decrypt. The keyset may hold several keys: the primary one encrypts, all of them
 * decrypt, which is what key rotation needs (tenant-service re-encrypts old ciphertexts under the primary key).
 * tenant-service encrypts; the gateway and sync-service decrypt what tenant-service publishes. Services create it at
 * startup so that a missing or unusable keyset stops them at once, not at the first use.
 */
public class CredentialCipher {

    /** Tink's output prefix: one version byte (1 = TINK) and the big-endian id of the key that encrypted. */
    private static final int PREFIX_LENGTH = 5;
    private static final byte TINK_PREFIX_VERSION = 1;

    private final Aead aead;
    private final int primaryKeyId;

    public CredentialCipher(CryptoConfig config) {
        this(keysetJson(config));
    }

    public CredentialCipher(String keysetJson) {
        KeysetHandle keyset = parse(keysetJson);
        for (int i = 0; i < keyset.size(); i++) {
            // only AES-256-GCM with Tink's key-id prefix: the prefix tells re-encryption which key a ciphertext uses
            if (!(keyset.getAt(i).getKey().getParameters() instanceof AesGcmParameters parameters)
                    || parameters.getKeySizeBytes() != 32 || parameters.getVariant() != AesGcmParameters.Variant.TINK) {
                throw new IllegalStateException("The Hostaway credentials keyset may only hold AES256_GCM keys with"
                        + " TINK output prefix; key " + keyset.getAt(i).getId() + " is "
                        + keyset.getAt(i).getKey().getParameters());
            }
        }
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Hostaway credentials keyset cannot be used for AEAD", e);
        }
        this.primaryKeyId = keyset.getPrimary().getId();
    }

    public byte[] encrypt(UUID organizationId, String secret) {
        try {
            return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(organizationId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed for organization " + organizationId, e);
        }
    }

    /**
     * @throws CredentialDecryptionException if no key of the keyset decrypts it with this organization's id: wrong
     *         organization, tampered bytes, or a key that has been removed from the keyset
     */
    public String decrypt(UUID organizationId, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(organizationId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Tink's message says nothing useful and must not be mistaken for detail about the secret
            throw new CredentialDecryptionException(organizationId);
        }
    }

    /** The id of the key that encrypts new secrets. */
    public int primaryKeyId() {
        return primaryKeyId;
    }

    /** Whether {@code ciphertext} was written with the current primary key (else re-encryption should move it). */
    public boolean isUnderPrimaryKey(byte[] ciphertext) {
        return ciphertext.length > PREFIX_LENGTH && ciphertext[0] == TINK_PREFIX_VERSION
                && keyIdOf(ciphertext) == primaryKeyId;
    }

    /** The id of the key that wrote {@code ciphertext}, read from Tink's output prefix. */
    public static int keyIdOf(byte[] ciphertext) {
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    private static byte[] associatedData(UUID organizationId) {
        return organizationId.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String keysetJson(CryptoConfig config) {
        if (config.keyset().isPresent() == config.keysetFile().isPresent()) {
            throw new IllegalStateException("Set exactly one of hostmcp.crypto.keyset (env TINK_KEYSET: the Tink"
                    + " keyset JSON) and hostmcp.crypto.keyset-file (env TINK_KEYSET_FILE: a file holding it);"
                    + " Hostaway credentials cannot be encrypted or decrypted without it. See docs/operations.md or"
                    + " tenant-service/README.md, \"Key rotation\".");
        }
        if (config.keyset().isPresent()) {
            return config.keyset().get();
        }
        try {
            return Files.readString(config.keysetFile().get());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the Tink keyset file " + config.keysetFile().get(), e);
        }
    }

    private static KeysetHandle parse(String json) {
        try {
            AeadConfig.register();
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // no cause: parser messages may quote the key material
            throw new IllegalStateException("The Hostaway credentials keyset is not a valid Tink JSON keyset");
        }
    }
}
