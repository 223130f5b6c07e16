package com.hostmcp.audit.rest;

/** A request parameter that passed its annotations but is still unusable (a bad time, an empty range, a stale cursor). */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
