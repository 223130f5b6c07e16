package com.hostmcp.standin.hostaway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issues and checks access tokens. Tokens look like Hostaway's (a JWT with {@code typ}, {@code alg}, {@code jti} in the
 * header and {@code aud} = account id, {@code jti}, {@code iat}, {@code nbf}, {@code exp}, {@code sub}, {@code scopes} in
 * the payload) but are checked by lookup: only tokens issued by this instance and not revoked are accepted. The
 * signature is an HMAC with a per-instance random key (clients cannot verify Hostaway's RS256 signature either).
 */
final class TokenService {

    record Token(long accountId, Instant issuedAt, Instant expiresAt) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    TokenService() {
        random.nextBytes(key);
    }

    String issue(long accountId, Instant now, long ttlSeconds) {
        byte[] jtiBytes = new byte[40];
        random.nextBytes(jtiBytes);
        String jti = HexFormat.of().formatHex(jtiBytes);
        ObjectNode header = Json.object();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("jti", jti);
        ObjectNode payload = Json.object();
        payload.put("aud", String.valueOf(accountId));
        payload.put("jti", jti);
        payload.put("iat", now.getEpochSecond());
        payload.put("nbf", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + ttlSeconds);
        payload.put("sub", "");
        payload.set("scopes", Json.array().add("general"));
        String unsigned = B64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        String token = unsigned + "." + B64.encodeToString(sign(unsigned));
        tokens.put(token, new Token(accountId, now, now.plusSeconds(ttlSeconds)));
        return token;
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] longer = new byte[256]; // RS256 signatures are 256 bytes
            for (int i = 0; i < longer.length; i++) {
                longer[i] = sig[i % sig.length];
            }
            return longer;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Token lookup(String token) {
        return token == null ? null : tokens.get(token);
    }

    boolean revoke(String token) {
        return token != null && tokens.remove(token) != null;
    }

    void revokeAll(long accountId) {
        tokens.values().removeIf(t -> t.accountId() == accountId);
    }

    void clear() {
        tokens.clear();
    }
}
