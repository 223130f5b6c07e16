package com.hostmcp.audit.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.hostmcp.audit.AuditQuery.Position;

/**
 * The opaque {@code cursor} of audit search: where the previous page ended (its last entry's time and key), base64url
 * encoded. Continuing from a position, not an offset, gives no gaps or repeats while new entries arrive.
 */
final class SearchCursor {

    private static final char SEPARATOR = '|';

    private SearchCursor() {
    }

    static String encode(Position position) {
        String plain = position.occurredAt().toString() + SEPARATOR + position.entryId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = plain.indexOf(SEPARATOR);
            if (separator < 1 || separator == plain.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new Position(Instant.parse(plain.substring(0, separator)), plain.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidParameterException("cursor", "is not a cursor returned by this API");
        }
    }
}
