package com.hostmcp.dashboard.service;

/** Something the request depends on (Kafka, an internal service) did not answer in time; the caller may retry. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
