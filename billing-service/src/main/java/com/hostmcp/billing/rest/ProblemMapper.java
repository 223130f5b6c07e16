package com.hostmcp.billing.rest;

import java.util.Comparator;
import java.util.List;
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
import com.hostmcp.billing.service.BillingProblem;
import com.hostmcp.billing.stripe.StripeUnavailableException;
import com.hostmcp.billing.stripe.StripeWebhooks.InvalidWebhookException;

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
    public Response billingProblem(BillingProblem problem) {
        List<FieldError> errors = problem.invalidFields().isEmpty() ? null
                : problem.invalidFields().stream().map(f -> new FieldError(f.field(), f.message())).toList();
        Response.ResponseBuilder response = build(problem.kind().status, problem.kind().title, problem.getMessage(),
                errors);
        if (problem.kind() == BillingProblem.Kind.UNAVAILABLE) {
            response.header("Retry-After", 5);
        }
        return response.build();
    }

    /** A webhook that is not a signed, fresh Stripe event: 400, and Stripe (or whoever sent it) is told why. */
    @ServerExceptionMapper
    public Response invalidWebhook(InvalidWebhookException exception) {
        return build(400, "Bad request", exception.getMessage(), null).build();
    }

    /** Stripe unreachable while applying a webhook: 503, so that Stripe delivers the event again later. */
    @ServerExceptionMapper
    public Response stripeUnavailable(StripeUnavailableException exception) {
        LOG.warn(exception.getMessage());
        return build(503, "Service unavailable", "Stripe is not reachable right now; please retry shortly", null)
                .header("Retry-After", 5).build();
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException exception) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return build(400, "Bad request", "the request has invalid fields", errors).build();
    }

    /** Well-formed JSON with a value of the wrong type: names the field, like a violation. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception) {
        String path = exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
        String field = path.isEmpty() ? "request" : path;
        return build(400, "Bad request", "the request has invalid fields",
                List.of(new FieldError(field, "has a value of the wrong type"))).build();
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException exception) {
        return build(400, "Bad request", "the request body is not valid JSON for this operation", null).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 400 -> exception.getCause() instanceof JsonProcessingException
                    ? "the request body is not valid JSON for this operation"
                    : "the request is malformed: check the path, query parameters and body";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 415 -> "unsupported content type";
            default -> title;
        };
        return build(status, title, detail, null).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception exception) {
        LOG.error("Unexpected failure while serving a request", exception);
        return build(500, "Internal error", "something went wrong on our side; please retry later", null).build();
    }

    private static Response.ResponseBuilder build(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem("about:blank", title, status, detail, errors));
    }

    /** The last node of a violation's path names the field ("checkout.request.successUrl" -> "successUrl"). */
    private static String field(ConstraintViolation<?> violation) {
        String[] nodes = violation.getPropertyPath().toString().split("\\.");
        return nodes[nodes.length - 1];
    }
}
