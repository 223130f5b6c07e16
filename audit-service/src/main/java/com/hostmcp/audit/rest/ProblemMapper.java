package com.hostmcp.audit.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.hostmcp.rest.Problems;
import com.hostmcp.rest.Problems.FieldError;

/**
 * Audit-service's own failures as RFC 9457 problem details; the shared ones (invalid input, the framework's HTTP
 * errors, a database outage, unexpected errors) are mapped by {@code platform-rest}'s {@code GenericProblemMapper}.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException exception) {
        return Problems.invalidFields(List.of(new FieldError(exception.parameter(), exception.getMessage()))).build();
    }
}
