package com.hostmcp.standin.stripe;

import java.security.SecureRandom;

/** Stripe-looking object ids: a prefix and random alphanumerics, e.g. {@code cus_Q3x9...}. */
final class StripeIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private StripeIds() {
    }

    static String next(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    static String next(String prefix) {
        return next(prefix, 24);
    }
}
