package com.hostmcp.audit.rest;

/**
 * Numeric query parameters arrive as strings checked by a pattern: JAX-RS answers a query parameter it cannot convert
 * with 404, and a client that sends {@code limit=ten} deserves a 400 naming the parameter.
 */
final class QueryNumbers {

    private QueryNumbers() {
    }

    /** A value that has passed {@code [0-9]{1,9}}, checked against its range. */
    static int inRange(String parameter, String value, int min, int max) {
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw new InvalidParameterException(parameter, "must be between " + min + " and " + max);
        }
        return number;
    }
}
