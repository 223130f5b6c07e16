package com.hostmcp.tenant.rest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.hostmcp.tenant.service.TenantProblem;

/**
 * The one place where failures become HTTP responses: RFC 9457 problem details, never a stack trace or a class name.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** RFC 9457 problem details, with the invalid fields of a rejected request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    public record FieldError(String field, String message) {
    }

    @ServerExceptionMapper
    public Response tenantProblem(TenantProblem problem) {
        Response.ResponseBuilder response = build(problem.kind().status, problem.kind().title, problem.getMessage(), null);
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException exception) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return build(400, "Bad request", "the request has invalid fields", errors).build();
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
        return build(400, "Bad request", "the request has invalid fields", List.of(new FieldError(field, message)))
                .build();
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException exception) {
        return build(400, "Bad request", "the request body is not valid JSON for this operation", null).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        String detail = status == 404 ? "no such resource" : status == 405 ? "method not allowed here" : title;
        if (status == 400) {
            detail = exception.getCause() instanceof JsonProcessingException
                    ? "the request body is not valid JSON for this operation"
                    : "the request is malformed: check the path, query parameters and body";
        }
        return build(status, title, detail, null).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception exception) {
        LOG.error("Unexpected failure while serving a request", exception);
        return build(500, "Internal error", "something went wrong on our side; please retry later", null).build();
    }

    private static Response.ResponseBuilder build(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, errors));
    }

    /** The last node of a violation's path names the field ("create.request.name" -> "name"). */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] nodes = path.split("\\.");
        String last = nodes[nodes.length - 1];
        return Map.of("actingUser", "X-Acting-User").getOrDefault(last, last);
    }
}
