package com.hostmcp.rest;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details as every service answers them: the document, and the responses a service's own
 * {@code @ServerExceptionMapper}s build from it. Never a stack trace or a class name.
 */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    public static final String BAD_REQUEST = "Bad request";

    /** The detail of a 400 whose {@code errors} name the invalid fields. */
    public static final String INVALID_FIELDS = "the request has invalid fields";

    public static final String SERVICE_UNAVAILABLE = "Service unavailable";

    /** The detail of a 503 for a dependency that is down for now. */
    public static final String TEMPORARILY_UNAVAILABLE = "the service is temporarily unavailable; please retry after the"
            + " time in Retry-After";

    /** Seconds a client waits before retrying during an outage: about a database restart or failover. */
    public static final int OUTAGE_RETRY_AFTER_SECONDS = 5;

    /** RFC 9457 problem details, with the invalid fields of a rejected request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    /** One invalid field (a body property, path or query parameter, or header) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private Problems() {
    }

    /** A problem response; the caller may add headers (e.g. {@code Retry-After}) before {@code build()}. */
    public static Response.ResponseBuilder response(int status, String title, String detail) {
        return response(status, title, detail, null);
    }

    /** A problem response naming invalid fields; no or empty {@code errors} leaves the member out. */
    public static Response.ResponseBuilder response(int status, String title, String detail, List<FieldError> errors) {
        List<FieldError> named = errors == null || errors.isEmpty() ? null : errors;
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, named));
    }

    /**
     * A 503 for a dependency that is down for now (the database, the OIDC provider), with {@code Retry-After}: the same
     * words in every service, whichever layer noticed the outage.
     */
    public static Response.ResponseBuilder temporarilyUnavailable() {
        return response(503, SERVICE_UNAVAILABLE, TEMPORARILY_UNAVAILABLE).header("Retry-After",
                OUTAGE_RETRY_AFTER_SECONDS);
    }

    /** A 400 naming the invalid fields. */
    public static Response.ResponseBuilder invalidFields(List<FieldError> errors) {
        return response(400, BAD_REQUEST, INVALID_FIELDS, errors);
    }

    /**
     * The violations as field errors, sorted by field; {@code naming} renames a field as the caller knows it (e.g. a
     * header parameter by its header name).
     */
    public static List<FieldError> fieldErrors(ConstraintViolationException exception, UnaryOperator<String> naming) {
        return exception.getConstraintViolations().stream()
                .map(violation -> new FieldError(naming.apply(field(violation)), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    /** The last node of a violation's path names the field ("create.request.name" -> "name", "history.limit" -> "limit"). */
    public static String field(ConstraintViolation<?> violation) {
        String[] nodes = violation.getPropertyPath().toString().split("\\.");
        return nodes[nodes.length - 1];
    }
}
