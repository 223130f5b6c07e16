package com.hostmcp.audit.rest;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one place where failures become HTTP responses: RFC 9457 problem details, never a stack trace or a class name.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** RFC 9457 problem details, with the invalid parameters of a rejected request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    public record FieldError(String field, String message) {
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException exception) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return build(400, "Bad request", "the request has invalid parameters", errors);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException exception) {
        return build(400, "Bad request", "the request has invalid parameters",
                List.of(new FieldError(exception.parameter(), exception.getMessage())));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 400 -> "the request is malformed: check the path and query parameters";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            default -> title;
        };
        return build(status, title, detail, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception exception) {
        LOG.error("Unexpected failure while serving a request", exception);
        return build(500, "Internal error", "something went wrong on our side; please retry later", null);
    }

    private static Response build(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }

    /** The last node of a violation's path names the parameter ("search.limit" -> "limit"). */
    private static String field(ConstraintViolation<?> violation) {
        String[] nodes = violation.getPropertyPath().toString().split("\\.");
        return nodes[nodes.length - 1];
    }
}
