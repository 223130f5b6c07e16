package com.hostmcp.dashboard.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.hostmcp.rest.Problems;
import com.hostmcp.rest.Problems.FieldError;

/**
 * The dashboard API's RFC 9457 problem document: the shared {@link Problems.Problem} plus {@code instance}, the path of
 * the request that failed (relative, so never an internal host).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    static ApiProblem of(Problems.Problem problem, String instance) {
        return new ApiProblem(problem.type(), problem.title(), problem.status(), problem.detail(), instance,
                problem.errors());
    }
}
