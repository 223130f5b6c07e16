package com.hostmcp.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens an attacker could make from a real one: the same claims under our own key (with the realm's key id), with
 * no signature at all, or with changed claims under the original signature. The provider's keys stay unknown, so a
 * resource server that checks signatures accepts none of them.
 */
final class ForgedTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ForgedTokens() {
    }

    /** The real token's header and claims, signed RS256 by a key pair made here. */
    static String signedByAnotherKey(String realToken) {
        String[] parts = realToken.split("\\.");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(parts[0] + "." + parts[1], generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real claims with {@code "alg": "none"} and an empty signature. */
    static String unsigned(String realToken) {
        String[] parts = realToken.split("\\.");
        return ENCODER.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + ".";
    }

    /** The real token with {@code claim} changed in its payload and the original signature kept. */
    static String withClaim(String realToken, String claim, String value) {
        return withClaims(realToken, JSON.createObjectNode().put(claim, value));
    }

    static String withClaim(String realToken, String claim, long value) {
        return withClaims(realToken, JSON.createObjectNode().put(claim, value));
    }

    private static String withClaims(String realToken, ObjectNode changes) {
        String[] parts = realToken.split("\\.");
        ObjectNode claims = (ObjectNode) read(parts[1]);
        claims.setAll(changes);
        return parts[0] + "." + ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }

    static JsonNode claims(String token) {
        return read(token.split("\\.")[1]);
    }

    private static JsonNode read(String part) {
        try {
            return JSON.readTree(DECODER.decode(part));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT part", e);
        }
    }

    private static String sign(String signingInput, PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + ENCODER.encodeToString(signature.sign());
    }
}
