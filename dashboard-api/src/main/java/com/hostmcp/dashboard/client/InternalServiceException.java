package com.hostmcp.dashboard.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.rest.Problems.FieldError;

/**
 * An internal service answered with an error status. Carries what the caller may see of it: the status, the
 * problem's {@code detail} and {@code errors} (our own services write them for users, without internals), and
 * {@code Retry-After}; never the service's URL.
 */
public class InternalServiceException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final int status;
    private final String detail;
    private final List<FieldError> errors;
    private final String retryAfter;
    private final boolean problemDocument;

    InternalServiceException(String service, int status, String detail, List<FieldError> errors, String retryAfter,
            boolean problemDocument) {
        super(service + " answered " + status + (detail == null ? "" : ": " + detail), null, false, false);
        this.service = service;
        this.status = status;
        this.detail = detail;
        this.errors = errors;
        this.retryAfter = retryAfter;
        this.problemDocument = problemDocument;
    }

    /** Reads an error response of {@code service} (its body is a problem document when the service wrote one). */
    public static InternalServiceException from(String service, Response response) {
        String body;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            body = null;
        }
        return of(service, response.getStatus(), body, response.getHeaderString("Retry-After"));
    }

    /** An error answer: {@code body} may be a problem document, something else (a proxy's HTML page) or null. */
    public static InternalServiceException of(String service, int status, String body, String retryAfter) {
        JsonNode document;
        try {
            document = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            document = null;
        }
        if (document == null || !document.isObject() || !document.hasNonNull("status")) {
            return new InternalServiceException(service, status, null, List.of(), retryAfter, false);
        }
        String detail = document.path("detail").isTextual() ? document.path("detail").asText() : null;
        List<FieldError> errors = new ArrayList<>();
        document.path("errors").forEach(error -> errors.add(
                new FieldError(error.path("field").asText(), error.path("message").asText())));
        return new InternalServiceException(service, status, detail, List.copyOf(errors), retryAfter, true);
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The problem's detail, or null. */
    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The service's Retry-After, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** Whether the service explained the error itself (a 403 without one is our credentials being refused). */
    public boolean problemDocument() {
        return problemDocument;
    }
}
