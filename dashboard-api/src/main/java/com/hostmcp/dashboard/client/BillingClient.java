package com.hostmcp.dashboard.client;

import static com.hostmcp.dashboard.client.InternalCalls.READ_RETRIES;
import static com.hostmcp.dashboard.client.InternalCalls.READ_TIMEOUT_MS;
import static com.hostmcp.dashboard.client.InternalCalls.RETRY_DELAY_MS;
import static com.hostmcp.dashboard.client.InternalCalls.WRITE_TIMEOUT_MS;

import java.io.IOException;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * billing-service's internal API for one organization. billing trusts the organization id it is given: the dashboard
 * passes only the caller's own and checks the role for changes.
 */
@Path("/internal/organizations/{organizationId}/billing")
@RegisterRestClient(configKey = "billing-service")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface BillingClient {

    String SERVICE = "billing-service";

    record CheckoutRequest(String successUrl, String cancelUrl) {
    }

    record PortalRequest(String returnUrl) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return InternalServiceException.from(SERVICE, response);
    }

    @GET
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> status(@PathParam("organizationId") UUID organizationId);

    /** 201 {sessionId, url, quantity}. */
    @POST
    @Path("checkout-sessions")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> checkout(@PathParam("organizationId") UUID organizationId, CheckoutRequest request);

    /** 201 {url}. */
    @POST
    @Path("portal-sessions")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> portal(@PathParam("organizationId") UUID organizationId, PortalRequest request);

    @POST
    @Path("subscription/cancel")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> cancel(@PathParam("organizationId") UUID organizationId);

    @POST
    @Path("subscription/resume")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> resume(@PathParam("organizationId") UUID organizationId);

    @GET
    @Path("invoices")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> invoices(@PathParam("organizationId") UUID organizationId, @QueryParam("limit") Integer limit);

    @GET
    @Path("projected-bill")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> projectedBill(@PathParam("organizationId") UUID organizationId);
}
