package com.hostmcp.tenant.hostaway;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Hostaway could not say whether the credentials work: unreachable, too slow, failing or rate limited. */
public class HostawayUnavailableException extends RuntimeException {

    /** Used when Hostaway does not say when to come back (it documents no Retry-After). */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 10;
    private static final int MAX_RETRY_AFTER_SECONDS = 3600;

    private final int retryAfterSeconds;

    public HostawayUnavailableException(String reason, int retryAfterSeconds) {
        super(reason, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A Retry-After header (seconds or an HTTP date) as seconds from now, within 1 s to 1 h; else the default. */
    static int retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER_SECONDS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(header.strip());
        } catch (NumberFormatException notSeconds) {
            try {
                seconds = Duration.between(Instant.now(),
                        ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)).toSeconds();
            } catch (DateTimeParseException neither) {
                return DEFAULT_RETRY_AFTER_SECONDS;
            }
        }
        return (int) Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
    }
}
