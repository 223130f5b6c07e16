package com.hostmcp.local.demo;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.local.demo.DemoKeyFile.StoredKey;

/**
 * What the seeding does about the demo API key, from the key it kept and dashboard-api's {@code GET /api/keys}: reuse
 * the kept key while it is active; if it is gone but an active key named {@value #NAME} exists (its full key is lost),
 * regenerate that one so the organization does not collect unusable keys; otherwise create a new key.
 */
public record DemoKeyPlan(Action action, String keyId) {

    public static final String NAME = "demo";

    public enum Action {
        REUSE,
        REGENERATE,
        CREATE
    }

    /**
     * @param stored the key kept in the data directory, if any
     * @param keys the JSON array {@code GET /api/keys} returned (id, name, status, ...)
     */
    public static DemoKeyPlan decide(Optional<StoredKey> stored, JsonNode keys) {
        if (!keys.isArray()) {
            throw new SeedException("GET /api/keys did not answer a JSON array of keys");
        }
        if (stored.isPresent()) {
            for (JsonNode key : keys) {
                if (stored.get().id().equals(key.path("id").asText()) && active(key)) {
                    return new DemoKeyPlan(Action.REUSE, stored.get().id());
                }
            }
        }
        for (JsonNode key : keys) {
            if (NAME.equals(key.path("name").asText()) && active(key)) {
                return new DemoKeyPlan(Action.REGENERATE, key.path("id").asText());
            }
        }
        return new DemoKeyPlan(Action.CREATE, null);
    }

    private static boolean active(JsonNode key) {
        return "ACTIVE".equals(key.path("status").asText()) && !key.path("id").asText().isEmpty();
    }
}
