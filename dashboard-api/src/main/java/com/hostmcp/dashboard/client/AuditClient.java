package com.hostmcp.dashboard.client;

import static com.hostmcp.dashboard.client.InternalCalls.READ_RETRIES;
import static com.hostmcp.dashboard.client.InternalCalls.READ_TIMEOUT_MS;
import static com.hostmcp.dashboard.client.InternalCalls.RETRY_DELAY_MS;

import java.io.IOException;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** audit-service's internal API: usage and the audit log of one organization. */
@Path("/internal/organizations/{organizationId}")
@RegisterRestClient(configKey = "audit-service")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
public interface AuditClient {

    String SERVICE = "audit-service";

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return InternalServiceException.from(SERVICE, response);
    }

    @GET
    @Path("usage/summary")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> usageSummary(@PathParam("organizationId") UUID organizationId);

    @GET
    @Path("usage/daily")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> usageDaily(@PathParam("organizationId") UUID organizationId, @QueryParam("days") int days,
            @QueryParam("tool") String tool);

    @GET
    @Path("audit-log")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> auditLog(@PathParam("organizationId") UUID organizationId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("action") String action, @QueryParam("outcome") String outcome,
            @QueryParam("keyId") String keyId, @QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit);
}
