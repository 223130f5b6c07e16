package com.hostmcp.local.demo;

/** Seeding cannot go on; the message says what failed and what to do, and never carries a secret. */
public final class SeedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SeedException(String message) {
        super(message);
    }

    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
