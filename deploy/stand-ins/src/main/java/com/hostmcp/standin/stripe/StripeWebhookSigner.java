package com.hostmcp.standin.stripe;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads exactly as Stripe does: the {@code Stripe-Signature} header is
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>}.
 * {@code com.stripe.net.Webhook.constructEvent(payload, header, secret)} accepts what this produces.
 */
public final class StripeWebhookSigner {

    /** A webhook endpoint secret for tests and the local stack; clearly not a real one. */
    public static final String TEST_WEBHOOK_SECRET = "whsec_standin_test";

    /** The header Stripe sends the signature in. */
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StripeWebhookSigner() {
    }

    /** The {@code Stripe-Signature} header value for a payload signed at {@code epochSeconds}. */
    public static String signatureHeader(String payload, String webhookSecret, long epochSeconds) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        return "t=" + epochSeconds + ",v1=" + hmacSha256Hex(webhookSecret, epochSeconds + "." + payload);
    }

    /** The {@code Stripe-Signature} header value for a payload signed now. */
    public static String signatureHeader(String payload, String webhookSecret) {
        return signatureHeader(payload, webhookSecret, Instant.now().getEpochSecond());
    }

    static String hmacSha256Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            char[] hex = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
                hex[2 * i + 1] = HEX[digest[i] & 0xF];
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
