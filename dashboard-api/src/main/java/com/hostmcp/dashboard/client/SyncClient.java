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

/** sync-service's internal API: an organization's sync runs and the run serving a Sync Now request. */
@Path("/internal/organizations/{organizationId}")
@RegisterRestClient(configKey = "sync-service")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
public interface SyncClient {

    String SERVICE = "sync-service";

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return InternalServiceException.from(SERVICE, response);
    }

    @GET
    @Path("sync-runs")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> runs(@PathParam("organizationId") UUID organizationId, @QueryParam("limit") Integer limit);

    /** The run serving a request; 404 until the request has reached sync-service. */
    @GET
    @Path("sync-requests/{requestId}")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> runOfRequest(@PathParam("organizationId") UUID organizationId, @PathParam("requestId") UUID requestId);
}
