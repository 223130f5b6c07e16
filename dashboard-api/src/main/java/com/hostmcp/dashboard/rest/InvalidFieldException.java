package com.hostmcp.dashboard.rest;

/** Input that passes each field's own constraint but not a rule across fields; a 400 naming the field. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
