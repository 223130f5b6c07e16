package com.hostmcp.gateway.hostaway;

/**
 * A failed attempt that may succeed when tried again: Hostaway's 429, a 5xx, a timeout or a network failure. The
 * retries decide on it; afterwards it becomes a {@link HostawayException}. Never leaves this package.
 */
final class TransientFailure extends RuntimeException {

    enum Kind {
        RATE_LIMITED,
        SERVER_ERROR,
        TIMEOUT,
        NETWORK
    }

    private final Kind kind;
    private final Integer status;
    private final boolean notSent;

    /**
     * @param notSent true only when the request certainly did not reach Hostaway (or Hostaway certainly did not act on
     *        it), so that even a non-idempotent request may be sent again
     */
    TransientFailure(Kind kind, Integer status, boolean notSent, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.notSent = notSent;
    }

    Kind kind() {
        return kind;
    }

    Integer status() {
        return status;
    }

    boolean notSent() {
        return notSent;
    }

    /** The same failure, known not to have sent the request (it happened while getting the token). */
    TransientFailure beforeSending() {
        return new TransientFailure(kind, status, true, getMessage());
    }

    /** Counts against the circuit breaker: Hostaway (or the way to it) is failing, not just busy. */
    boolean isOutage() {
        return kind != Kind.RATE_LIMITED;
    }
}
