package com.hostmcp.local;

import java.security.SecureRandom;

/** Passwords for the test users, made at run time (never in the repository, never printed). */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Secrets() {
    }

    /** 24 random characters after one of each class a password policy may ask for. */
    static String password() {
        return "Aa1!" + alphanumeric(24);
    }

    /** {@code length} random letters and digits. */
    static String alphanumeric(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }
}
