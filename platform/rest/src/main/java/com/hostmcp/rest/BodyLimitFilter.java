package com.hostmcp.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.rest.Problems.Problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose {@code Content-Length} is beyond {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json, before Quarkus' own check would answer it with an empty body, in every service that uses this module
 * (Quarkus' default limit is 10M). A chunked body without {@code Content-Length} is cut off by Quarkus while it is read,
 * with its bare 413.
 */
@ApplicationScoped
public class BodyLimitFilter {

    /** Before Quarkus' upload limit check (route order -2; a filter's order is minus its priority). */
    private static final int PRIORITY = 10;

    private final long limit;
    private final String problem;

    public BodyLimitFilter(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit,
            ObjectMapper mapper) throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = mapper.writeValueAsString(new Problem("about:blank", "Payload too large", 413,
                "the request body is larger than " + describe(this.limit) + ", the most this service accepts", null));
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problems.PROBLEM_JSON)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(problem);
            return;
        }
        context.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            // the HTTP server itself refuses a Content-Length that is not a number
            return false;
        }
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
