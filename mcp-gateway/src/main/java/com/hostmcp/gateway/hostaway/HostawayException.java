package com.hostmcp.gateway.hostaway;

/**
 * A Hostaway call that failed for good (after the retries that apply). Messages are safe to show to the client: they
 * name the operation and what happened, never tokens, secrets or response bodies with guest data.
 */
public abstract class HostawayException extends RuntimeException {

    protected HostawayException(String message) {
        super(message, null, false, false);
    }

    /** 404, or an id that belongs to no listing/reservation/conversation of this account. */
    public static final class NotFound extends HostawayException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Hostaway refused the request as invalid (400 / {@code status: fail} with a message). */
    public static final class Rejected extends HostawayException {
        public Rejected(String message) {
            super(message);
        }
    }

    /** The account's or this gateway's Hostaway rate limit is used up: retry after {@code retryAfterSeconds}. */
    public static final class RateLimited extends HostawayException {
        private final long retryAfterSeconds;

        public RateLimited(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The organization's credentials were refused (401/403 that survived one token refresh, or the token request failed). */
    public static final class CredentialsRejected extends HostawayException {
        public CredentialsRejected(String message) {
            super(message);
        }
    }

    /** 5xx, network failure or open circuit after the retries: Hostaway is not usable now. */
    public static final class Unavailable extends HostawayException {
        private final long retryAfterSeconds;

        public Unavailable(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** No answer within the timeout (after the retries). */
    public static final class Timeout extends HostawayException {
        public Timeout(String message) {
            super(message);
        }
    }
}
