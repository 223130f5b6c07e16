package com.hostmcp.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The API key format, shared by tenant-service (which issues keys) and the gateway (which checks them):
 * {@code hmcp_} + 22 base62 characters from a CSPRNG (about 131 bits) + 6 base62 characters of the CRC32 of those 22
 * characters, 33 characters in all. The checksum lets the gateway and secret scanners reject a mistyped or made-up key
 * without a lookup; it adds no secrecy. Only {@link #sha256Hex} of a key is ever stored or published.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "hmcp_";
    public static final int RANDOM_LENGTH = 22;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** What a secret scanner matches; {@link #isWellFormed} also verifies the checksum. */
    public static final Pattern PATTERN = Pattern.compile("^hmcp_[0-9A-Za-z]{28}$");

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int HINT_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /** A new key; the caller shows it once and keeps only its hash. */
    public static String generate() {
        var random = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return PREFIX + random + checksum(random);
    }

    /** Prefix, length, alphabet and checksum are right: worth a lookup. Says nothing about the key being active. */
    public static boolean isWellFormed(String key) {
        if (key == null || !PATTERN.matcher(key).matches()) {
            return false;
        }
        String random = key.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return checksum(random).equals(key.substring(PREFIX.length() + RANDOM_LENGTH));
    }

    /** SHA-256 of the key's UTF-8 bytes, 64 lowercase hex characters: the only form in which a key is stored. */
    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What the dashboard shows: prefix, an ellipsis and the last 4 characters, e.g. {@code hmcp_…a1B2}. */
    public static String displayHint(String key) {
        return PREFIX + "\u2026" + key.substring(key.length() - HINT_LENGTH);
    }

    /** CRC32 of the random part in base62, left-padded with '0' to 6 characters (2^32 < 62^6). */
    static String checksum(CharSequence random) {
        var crc = new CRC32();
        crc.update(random.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(digits);
    }
}
