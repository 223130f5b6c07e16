package com.hostmcp.gateway.tool;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Opaque page cursors: the paging state a tool needs (offset, filters), as base64url JSON with an HMAC-SHA256 over
 * it, the organization and the tool. A cursor that was edited, or made for another organization or tool, is refused,
 * so a client can neither forge a position nor reuse a cursor across tenants. Bound to one call's organization and
 * tool; created by the invocation pipeline.
 */
public final class PageCursors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_LENGTH = 16;

    private final byte[] secret;
    private final UUID organizationId;
    private final String tool;

    public PageCursors(byte[] secret, UUID organizationId, String tool) {
        this.secret = secret.clone();
        this.organizationId = organizationId;
        this.tool = tool;
    }

    /** A cursor holding {@code state}. */
    public String encode(ObjectNode state) {
        try {
            byte[] payload = JSON.writeValueAsBytes(state);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cursor state is not serializable", e);
        }
    }

    /**
     * The state of a cursor made by {@link #encode} for this organization and tool.
     *
     * @throws ToolFailure (validation) for anything else
     */
    public ObjectNode decode(String cursor) {
        int dot = cursor == null ? -1 : cursor.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] mac = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(payload))) {
                throw invalid();
            }
            return (ObjectNode) JSON.readTree(payload);
        } catch (IllegalArgumentException | java.io.IOException | ClassCastException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            hmac.update(organizationId.toString().getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            hmac.update(tool.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            byte[] full = hmac.doFinal(payload);
            return java.util.Arrays.copyOf(full, MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static ToolFailure invalid() {
        return ToolFailure.validation("The cursor is not valid for this tool (it was changed, expired with a restart"
                + " of the gateway's cursor secret, or belongs to another tool).",
                "Pass the nextCursor value exactly as a previous call of the same tool returned it, with the same"
                        + " filters, or omit cursor to start from the first page.");
    }
}
