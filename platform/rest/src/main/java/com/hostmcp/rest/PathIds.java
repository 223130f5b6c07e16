package com.hostmcp.rest;

import java.util.UUID;

/**
 * Ids in paths and queries are UUIDs. Resources take them as strings checked with {@link #PATTERN}, so that a malformed
 * id is a 400 naming the parameter rather than the 404 JAX-RS gives for a value it cannot convert.
 */
public final class PathIds {

    public static final String PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    public static final String MESSAGE = "must be a UUID";

    private PathIds() {
    }

    /** An id that has passed {@link #PATTERN}, or null for an optional one that is absent. */
    public static UUID parse(String id) {
        return id == null ? null : UUID.fromString(id);
    }
}
