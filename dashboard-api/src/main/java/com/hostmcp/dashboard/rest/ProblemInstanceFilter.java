package com.hostmcp.dashboard.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.hostmcp.rest.Problems;

/** Adds {@code instance} (the request's path) to every problem document, whichever mapper or filter wrote it. */
public class ProblemInstanceFilter {

    private static final MediaType PROBLEM_JSON = MediaType.valueOf(Problems.PROBLEM_JSON);

    @ServerResponseFilter
    public void addInstance(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problems.Problem problem) {
            response.setEntity(ApiProblem.of(problem, request.getUriInfo().getRequestUri().getPath()),
                    response.getEntityAnnotations(), PROBLEM_JSON);
        }
    }
}
