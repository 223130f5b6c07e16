package com.hostmcp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    /** Computed outside Java (Python zlib.crc32 + base62): pins the format for other implementations. */
    private static final String TEST_VECTOR_KEY = "hmcp_abcdefghijklmnopqrstuv0fYY3n";
    private static final String TEST_VECTOR_HASH = "70f5a938c9f18cd2747c9ae6010893154051831b400d42479d0410525f20a0ee";
    /** The displayHint pattern of docs/events/schemas/common.schema.json. */
    private static final Pattern CONTRACT_HINT = Pattern.compile("^[a-z][a-z0-9]{1,15}_\u2026[A-Za-z0-9_-]{4}$");

    @Test
    void generatedKeysMatchTheDocumentedRegexAndAreWellFormed() {
        Pattern documented = Pattern.compile("^hmcp_[0-9A-Za-z]{28}$");
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeyFormat.generate();
            assertThat(key).hasSize(33).startsWith("hmcp_").matches(documented);
            assertThat(ApiKeyFormat.isWellFormed(key)).as(key).isTrue();
        }
    }

    @Test
    void aKeyComputedByAnotherImplementationIsWellFormed() {
        assertThat(ApiKeyFormat.isWellFormed(TEST_VECTOR_KEY)).isTrue();
        assertThat(ApiKeyFormat.checksum("0000000000000000000000")).isEqualTo("2tfPFA");
        assertThat(ApiKeyFormat.checksum("Zz9Yy8Xx7Ww6Vv5Uu4Tt3S")).as("zero-padded to 6").isEqualTo("0NTbEY");
    }

    @Test
    void everySingleCharacterChangeAfterThePrefixIsDetected() {
        String key = ApiKeyFormat.generate();
        int changes = 0;
        for (int position = ApiKeyFormat.PREFIX.length(); position < key.length(); position++) {
            for (char replacement : ApiKeyFormat.ALPHABET.toCharArray()) {
                if (replacement == key.charAt(position)) {
                    continue;
                }
                String changed = key.substring(0, position) + replacement + key.substring(position + 1);
                assertThat(ApiKeyFormat.isWellFormed(changed)).as(changed).isFalse();
                changes++;
            }
        }
        assertThat(changes).isEqualTo(28 * 61);
    }

    @Test
    void swappingTwoDifferentCharactersOfTheRandomPartIsDetected() {
        String key = TEST_VECTOR_KEY;
        String swapped = key.substring(0, 5) + key.charAt(6) + key.charAt(5) + key.substring(7);
        assertThat(ApiKeyFormat.isWellFormed(swapped)).isFalse();
    }

    @Test
    void aKeyWithAnotherPrefixIsNotWellFormed() {
        String body = TEST_VECTOR_KEY.substring(ApiKeyFormat.PREFIX.length());
        for (String prefix : new String[] { "HMCP_", "hmcq_", "hmcp-", "ghp_", "", "xhmcp_" }) {
            assertThat(ApiKeyFormat.isWellFormed(prefix + body)).as(prefix).isFalse();
        }
    }

    @Test
    void aKeyOfTheWrongLengthIsNotWellFormed() {
        assertThat(ApiKeyFormat.isWellFormed(TEST_VECTOR_KEY.substring(0, 32))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(TEST_VECTOR_KEY + "0")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("0" + TEST_VECTOR_KEY)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(" " + TEST_VECTOR_KEY)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(TEST_VECTOR_KEY + "\n")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(null)).isFalse();
    }

    @Test
    void charactersOutsideBase62AreNotWellFormed() {
        for (String outside : new String[] { "-", "_", "+", "/", "=", "\u00e9", "\u0430" }) {
            String key = TEST_VECTOR_KEY.substring(0, 10) + outside + TEST_VECTOR_KEY.substring(11);
            assertThat(ApiKeyFormat.isWellFormed(key)).as(outside).isFalse();
        }
    }

    @Test
    void theRandomPartCarriesAtLeast128BitsAndUsesTheWholeAlphabet() {
        assertThat(ApiKeyFormat.RANDOM_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(128);
        Set<String> randomParts = new HashSet<>();
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String random = ApiKeyFormat.generate().substring(5, 5 + ApiKeyFormat.RANDOM_LENGTH);
            randomParts.add(random);
            random.chars().forEach(c -> counts.merge((char) c, 1, Integer::sum));
        }
        assertThat(randomParts).as("no repeats").hasSize(1000);
        // 22 000 draws over 62 characters: about 355 each; these bounds are many standard deviations wide
        assertThat(counts).hasSize(62);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(230, 480));
    }

    @Test
    void theHashIsTheSha256OfTheKeyInLowercaseHex() {
        assertThat(ApiKeyFormat.sha256Hex(TEST_VECTOR_KEY)).isEqualTo(TEST_VECTOR_HASH);
        assertThat(ApiKeyFormat.sha256Hex(ApiKeyFormat.generate())).matches("^[0-9a-f]{64}$");
    }

    @Test
    void theDisplayHintShowsThePrefixAndTheLastFourCharactersOnly() {
        assertThat(ApiKeyFormat.displayHint(TEST_VECTOR_KEY)).isEqualTo("hmcp_\u2026YY3n");
        for (int i = 0; i < 100; i++) {
            String key = ApiKeyFormat.generate();
            String hint = ApiKeyFormat.displayHint(key);
            assertThat(hint).matches(CONTRACT_HINT).endsWith(key.substring(29));
        }
    }
}
