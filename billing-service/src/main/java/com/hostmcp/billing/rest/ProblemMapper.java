package com.hostmcp.billing.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.hostmcp.billing.service.BillingProblem;
import com.hostmcp.billing.stripe.StripeUnavailableException;
import com.hostmcp.billing.stripe.StripeWebhooks.InvalidWebhookException;
import com.hostmcp.rest.Problems;
import com.hostmcp.rest.Problems.FieldError;

/**
 * Billing-service's own failures as RFC 9457 problem details; the shared ones (invalid input, unreadable bodies,
 * unexpected errors) are mapped by {@code platform-rest}'s {@code GenericProblemMapper}.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response billingProblem(BillingProblem problem) {
        List<FieldError> errors = problem.invalidFields().stream().map(f -> new FieldError(f.field(), f.message()))
                .toList();
        Response.ResponseBuilder response = Problems.response(problem.kind().status, problem.kind().title,
                problem.getMessage(), errors);
        if (problem.kind() == BillingProblem.Kind.UNAVAILABLE) {
            response.header("Retry-After", 5);
        }
        return response.build();
    }

    /** A webhook that is not a signed, fresh Stripe event: 400, and Stripe (or whoever sent it) is told why. */
    @ServerExceptionMapper
    public Response invalidWebhook(InvalidWebhookException exception) {
        return Problems.response(400, Problems.BAD_REQUEST, exception.getMessage()).build();
    }

    /** Stripe unreachable while applying a webhook: 503, so that Stripe delivers the event again later. */
    @ServerExceptionMapper
    public Response stripeUnavailable(StripeUnavailableException exception) {
        LOG.warn(exception.getMessage());
        return Problems.response(503, "Service unavailable", "Stripe is not reachable right now; please retry shortly")
                .header("Retry-After", 5).build();
    }
}
