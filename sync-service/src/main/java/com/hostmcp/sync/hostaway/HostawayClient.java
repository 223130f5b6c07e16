package com.hostmcp.sync.hostaway;

import java.lang.reflect.Method;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * The two Hostaway Public API v1 calls a listing count needs (base URL {@code hostaway.api-url}, timeouts in
 * application.properties). Blocking: only sync workers call it, never an event loop. Failures become
 * {@link HostawayRejectedException} or {@link HostawayUnavailableException}; neither carries the secret or the token.
 */
@RegisterRestClient(configKey = "hostaway")
@Path("/v1")
public interface HostawayClient {

    /** Client-credentials token request: the account id is the client id, the secret key the client secret. */
    @POST
    @Path("/accessTokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    AccessToken accessToken(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope);

    @GET
    @Path("/listings")
    @Produces(MediaType.APPLICATION_JSON)
    ListingsPage listings(@HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    /** Hostaway's token response (no envelope). */
    record AccessToken(@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("access_token") String accessToken) {

        @Override
        public String toString() {
            return "AccessToken[" + tokenType + ", expires in " + expiresIn + " s]";
        }
    }

    /**
     * A page of {@code GET /v1/listings}: {@code count} is the number of listings matching the query (all of them here),
     * not the size of the page. Listings are read down to the two fields the count needs.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ListingsPage(String status, List<Listing> result, Integer count) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listing(Long id, String specialStatus) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response, Method method) {
        int status = response.getStatus();
        boolean tokenRequest = "accessToken".equals(method.getName());
        String call = tokenRequest ? "POST /v1/accessTokens" : "GET /v1/listings";
        if (status == 429) {
            return new HostawayRateLimitedException(call + " answered 429: " + rateLimitMessage(response));
        }
        // Hostaway answers 403 for a bad or expired token and for a refused token request; OAuth servers answer
        // invalid_client with 400 or 401, and our own token request is otherwise always well formed
        if (status == 401 || status == 403 || (tokenRequest && status == 400)) {
            return new HostawayRejectedException(status, call + " answered " + status);
        }
        return new HostawayUnavailableException(status, call + " answered " + status);
    }

    /** The {@code message} of Hostaway's 429 body (it has no {@code result}), shortened; never the request. */
    private static String rateLimitMessage(Response response) {
        try {
            JsonNode body = new ObjectMapper().readTree(response.readEntity(String.class));
            String message = body == null ? "" : body.path("message").asText("");
            return message.isBlank() ? "rate limited"
                    : message.substring(0, Math.min(message.length(), 200));
        } catch (RuntimeException | java.io.IOException unreadable) {
            return "rate limited";
        }
    }
}
