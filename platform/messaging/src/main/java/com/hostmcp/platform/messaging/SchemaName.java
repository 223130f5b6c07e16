package com.hostmcp.platform.messaging;

import java.util.regex.Pattern;

/** The schema name is put into SQL text, so only plain lower-case identifiers are accepted. */
final class SchemaName {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SchemaName() {
    }

    static String checked(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("hostmcp.messaging.schema must be a lower-case SQL identifier");
        }
        return schema;
    }
}
