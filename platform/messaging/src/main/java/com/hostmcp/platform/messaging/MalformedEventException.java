package com.hostmcp.platform.messaging;

/** A record that can never be processed (bad JSON, wrong envelope or data); retrying it cannot help. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
