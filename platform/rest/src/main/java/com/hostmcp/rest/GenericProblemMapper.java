package com.hostmcp.rest;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.hostmcp.rest.Problems.FieldError;

/**
 * The failures every service shares, as problem details: invalid input, unreadable bodies, the framework's HTTP errors
 * and, last, anything unexpected. Quarkus REST maps an exception with the mapper of its most specific type, so a
 * service's mappers for its own exceptions win over {@link #unexpected(Exception)}; to replace one of these for the same
 * type, a service declares its mapper with a smaller {@code priority} (see the README).
 */
public class GenericProblemMapper {

    static final String NOT_JSON = "the request body is not valid JSON for this operation";

    /** Quarkus REST's message when a path matches a resource class but none of its methods. */
    private static final String NO_ROUTE = "Unable to find matching target resource method";

    private static final Logger LOG = Logger.getLogger(GenericProblemMapper.class);

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException exception) {
        return Problems.invalidFields(Problems.fieldErrors(exception, UnaryOperator.identity())).build();
    }

    /** Well-formed JSON with a value of the wrong type or outside an enum: names the field, like a violation. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception) {
        String path = exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
        // an empty path means the body as a whole (e.g. an array where an object belongs)
        String field = path.isEmpty() ? "request" : path;
        Class<?> target = exception.getTargetType();
        String message = target != null && target.isEnum()
                ? "must be one of " + Arrays.toString(target.getEnumConstants())
                : "has a value of the wrong type";
        return Problems.invalidFields(List.of(new FieldError(field, message))).build();
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException exception) {
        return Problems.response(400, Problems.BAD_REQUEST, NOT_JSON).build();
    }

    /**
     * A resource's own message says what is missing. The framework's do not: its default ("HTTP 404 Not Found"), its
     * routing message, and a parameter it could not convert (the cause's class and value), which must not leak.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException exception) {
        String message = exception.getMessage();
        boolean own = exception.getCause() == null && message != null && !message.startsWith("HTTP 404")
                && !NO_ROUTE.equals(message);
        return Problems.response(404, "Not found", own ? message : "no such resource").build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 400 -> exception.getCause() instanceof JsonProcessingException
                    ? NOT_JSON
                    : "the request is malformed: check the path, query parameters and body";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 415 -> "unsupported content type";
            default -> title;
        };
        return Problems.response(status, title, detail).build();
    }

    /** A dependency that is down for now (the database restarting) is a 503 to retry; anything else is a bug. */
    @ServerExceptionMapper
    public Response unexpected(Exception exception) {
        if (DependencyOutages.causedOutage(exception)) {
            // expected during an outage: one line, not a stack trace per request
            LOG.warnf("Answered 503, a dependency is unavailable: %s", exception.getMessage());
            return Problems.temporarilyUnavailable().build();
        }
        LOG.error("Unexpected failure while serving a request", exception);
        return Problems.response(500, "Internal error", "something went wrong on our side; please retry later").build();
    }
}
