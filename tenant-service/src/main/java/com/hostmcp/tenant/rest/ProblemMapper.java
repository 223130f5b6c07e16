package com.hostmcp.tenant.rest;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.hostmcp.rest.Problems;
import com.hostmcp.tenant.service.TenantProblem;

/**
 * Tenant-service's own failures as RFC 9457 problem details; the shared ones (invalid input, unreadable bodies,
 * unexpected errors) are mapped by {@code platform-rest}'s {@code GenericProblemMapper}.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response tenantProblem(TenantProblem problem) {
        Response.ResponseBuilder response = Problems.response(problem.kind().status, problem.kind().title,
                problem.getMessage());
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    /**
     * Replaces the shared mapping (a smaller priority wins for the same type) only to name the acting user as the caller
     * sends it: the {@code X-Acting-User} header, not the Java parameter.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response invalidInput(ConstraintViolationException exception) {
        return Problems.invalidFields(Problems.fieldErrors(exception,
                field -> "actingUser".equals(field) ? "X-Acting-User" : field)).build();
    }
}
