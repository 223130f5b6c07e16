package com.hostmcp.gateway.projection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.ActiveKey;

/**
 * Active API keys by the SHA-256 hex of the key, from {@code tenant.api-keys.v1}: an {@code ApiKeyIssued} adds the key,
 * a tombstone (null value) removes it.
 */
@ApplicationScoped
public class ApiKeyProjection {

    static final String TYPE = "com.hostmcp.tenant.ApiKeyIssued.v1";

    private final Map<String, ActiveKey> keys = new ConcurrentHashMap<>();
    private final EventDecoder decoder;

    public ApiKeyProjection(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /** The active key with this hash (64 lowercase hex characters), empty if unknown or revoked. */
    public Optional<ActiveKey> findByHash(String sha256Hex) {
        return sha256Hex == null ? Optional.empty() : Optional.ofNullable(keys.get(sha256Hex));
    }

    public int size() {
        return keys.size();
    }

    void apply(String recordKey, String value) {
        if (recordKey == null || recordKey.isEmpty()) {
            throw new MalformedRecordException("record without a key");
        }
        if (value == null) {
            keys.remove(recordKey);
            return;
        }
        JsonNode data = decoder.data(value, TYPE);
        if (!recordKey.equals(EventDecoder.text(data, "keyHash"))) {
            throw new MalformedRecordException("data.keyHash differs from the record key");
        }
        keys.put(recordKey, new ActiveKey(EventDecoder.uuid(data, "keyId"), EventDecoder.uuid(data, "organizationId"),
                EventDecoder.text(data, "displayHint")));
    }
}
