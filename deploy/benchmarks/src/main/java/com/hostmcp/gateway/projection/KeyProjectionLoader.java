package com.hostmcp.gateway.projection;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.security.ApiKeyFormat;

/**
 * Fills the gateway's key projection the way its Kafka consumer does ({@code ApiKeyProjection.apply} is
 * package-private), from {@code ApiKeyIssued} events built like tenant-service's, for the key verification benchmark.
 */
public final class KeyProjectionLoader {

    private KeyProjectionLoader() {
    }

    /** A projection holding every key of {@code keys} as active, each of its own organization. */
    public static ApiKeyProjection load(Iterable<String> keys) {
        ObjectMapper mapper = new ObjectMapper();
        ApiKeyProjection projection = new ApiKeyProjection(new EventDecoder(mapper));
        for (String key : keys) {
            String hash = ApiKeyFormat.sha256Hex(key);
            ObjectNode event = mapper.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID()
                    .toString()).put("source", "tenant-service").put("type", ApiKeyProjection.TYPE);
            event.putObject("data").put("organizationId", UUID.randomUUID().toString())
                    .put("keyId", UUID.randomUUID().toString()).put("keyHash", hash)
                    .put("displayHint", ApiKeyFormat.displayHint(key)).put("name", "benchmark")
                    .put("createdAt", "2026-01-01T00:00:00Z");
            projection.apply(hash, event.toString());
        }
        return projection;
    }
}
