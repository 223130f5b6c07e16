package com.hostmcp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.hostmcp.testsupport.crypto.TestKeysets;

class CredentialCipherTest {

    private static final String SECRET = "hostaway-secret-" + UUID.randomUUID();

    private final CredentialCipher cipher = new CredentialCipher(TestKeysets.testOnlyKeyset());
    private final UUID organization = UUID.randomUUID();

    @Test
    void aSecretDecryptsForItsOrganizationAndTheCiphertextDoesNotContainIt() {
        byte[] ciphertext = cipher.encrypt(organization, SECRET);

        assertThat(cipher.decrypt(organization, ciphertext)).isEqualTo(SECRET);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(cipher.encrypt(organization, SECRET)).as("a fresh nonce each time").isNotEqualTo(ciphertext);
    }

    @Test
    void aCiphertextCopiedToAnotherOrganizationDoesNotDecrypt() {
        byte[] ciphertext = cipher.encrypt(organization, SECRET);
        UUID other = UUID.randomUUID();

        assertThatThrownBy(() -> cipher.decrypt(other, ciphertext))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessageContaining(other.toString())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aTamperedCiphertextDoesNotDecrypt() {
        byte[] ciphertext = cipher.encrypt(organization, SECRET);
        ciphertext[ciphertext.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(organization, ciphertext))
                .isInstanceOf(CredentialDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt(organization, new byte[] { 0 }))
                .isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void afterRotationTheNewPrimaryKeyEncryptsAndOldCiphertextsStillDecrypt() {
        String before = TestKeysets.generateAes256Gcm();
        CredentialCipher old = new CredentialCipher(before);
        byte[] oldCiphertext = old.encrypt(organization, SECRET);

        CredentialCipher rotated = new CredentialCipher(TestKeysets.withNewPrimary(before));
        byte[] newCiphertext = rotated.encrypt(organization, SECRET);

        assertThat(rotated.primaryKeyId()).isNotEqualTo(old.primaryKeyId());
        assertThat(CredentialCipher.keyIdOf(newCiphertext)).isEqualTo(rotated.primaryKeyId());
        assertThat(CredentialCipher.keyIdOf(oldCiphertext)).isEqualTo(old.primaryKeyId());
        assertThat(rotated.isUnderPrimaryKey(newCiphertext)).isTrue();
        assertThat(rotated.isUnderPrimaryKey(oldCiphertext)).as("re-encryption must move it").isFalse();
        assertThat(rotated.decrypt(organization, oldCiphertext)).isEqualTo(SECRET);
        assertThat(rotated.decrypt(organization, newCiphertext)).isEqualTo(SECRET);
    }

    @Test
    void withTheOldKeyRemovedItsCiphertextsNoLongerDecrypt() {
        String before = TestKeysets.generateAes256Gcm();
        byte[] oldCiphertext = new CredentialCipher(before).encrypt(organization, SECRET);
        CredentialCipher unrelated = new CredentialCipher(TestKeysets.generateAes256Gcm());

        assertThatThrownBy(() -> unrelated.decrypt(organization, oldCiphertext))
                .isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void theTestOnlyKeysetHasAnOlderKeyBesideItsPrimary() {
        CredentialCipher previous = new CredentialCipher(TestKeysets.withoutPrimary(TestKeysets.testOnlyKeyset()));
        byte[] underOldKey = previous.encrypt(organization, SECRET);

        assertThat(previous.primaryKeyId()).isNotEqualTo(cipher.primaryKeyId());
        assertThat(cipher.isUnderPrimaryKey(underOldKey)).isFalse();
        assertThat(cipher.decrypt(organization, underOldKey)).isEqualTo(SECRET);
    }

    @Test
    void keysOtherThanAes256GcmAreRefusedAtStartup() {
        String aes128 = TestKeysets.generate(PredefinedAeadParameters.AES128_GCM);

        assertThatThrownBy(() -> new CredentialCipher(aes128))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AES256_GCM");
    }

    @Test
    void anUnreadableKeysetIsRefusedWithoutQuotingIt() {
        String broken = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": \"AAAA-leaked-material\"}]}";

        assertThatThrownBy(() -> new CredentialCipher(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a valid Tink JSON keyset")
                .hasMessageNotContaining("leaked-material")
                .hasNoCause();
    }

    @Test
    void aMissingKeysetStopsTheServiceNamingTheSettingToProvide() {
        assertThatThrownBy(() -> new CredentialCipher(config(Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TINK_KEYSET");
    }

    @Test
    void settingBothTheKeysetAndAKeysetFileIsRefused() {
        CryptoConfig both = config(Optional.of(TestKeysets.testOnlyKeyset()), Optional.of(TestKeysets.testOnlyKeysetFile()));

        assertThatThrownBy(() -> new CredentialCipher(both)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one");
    }

    @Test
    void theKeysetCanComeFromAFile() {
        CredentialCipher fromFile = new CredentialCipher(
                config(Optional.empty(), Optional.of(TestKeysets.testOnlyKeysetFile())));

        assertThat(fromFile.primaryKeyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(fromFile.decrypt(organization, cipher.encrypt(organization, SECRET))).isEqualTo(SECRET);
    }

    private static CryptoConfig config(Optional<String> keyset, Optional<Path> file) {
        return new CryptoConfig() {
            @Override
            public Optional<String> keyset() {
                return keyset;
            }

            @Override
            public Optional<Path> keysetFile() {
                return file;
            }
        };
    }
}
