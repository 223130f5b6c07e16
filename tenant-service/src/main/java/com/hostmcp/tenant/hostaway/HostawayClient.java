package com.hostmcp.tenant.hostaway;

import java.lang.reflect.Method;

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

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The two Hostaway Public API v1 calls that prove credentials work (base URL {@code hostaway.api-url}, timeouts in
 * application.properties). Failures become {@link HostawayRejectedException} or {@link HostawayUnavailableException};
 * neither carries the secret or the token.
 */
@RegisterRestClient(configKey = "hostaway")
@Path("/v1")
public interface HostawayClient {

    /** Client-credentials token request: the account id is the client id, the secret key the client secret. */
    @POST
    @Path("/accessTokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AccessToken> accessToken(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope);

    @GET
    @Path("/listings")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ListingsPage> listings(@HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit);

    /** Hostaway's token response (no envelope). */
    record AccessToken(@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("access_token") String accessToken) {

        @Override
        public String toString() {
            return "AccessToken[" + tokenType + ", expires in " + expiresIn + " s]";
        }
    }

    /** The envelope of a list answer; only its status matters here. */
    record ListingsPage(String status) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response, Method method) {
        int status = response.getStatus();
        boolean tokenRequest = "accessToken".equals(method.getName());
        String call = tokenRequest ? "POST /v1/accessTokens" : "GET /v1/listings";
        if (status == 429) {
            return new HostawayRateLimitedException(call + " answered 429 (rate limited)",
                    HostawayUnavailableException.retryAfterSeconds(response.getHeaderString("Retry-After")));
        }
        // Hostaway does not document how it refuses credentials: the stand-in answers 403, OAuth servers answer
        // invalid_client with 400 or 401; our own token request is otherwise always well formed
        if (status == 401 || status == 403 || (tokenRequest && status == 400)) {
            return new HostawayRejectedException(status, call + " answered " + status);
        }
        return new HostawayUnavailableException(call + " answered " + status,
                HostawayUnavailableException.retryAfterSeconds(response.getHeaderString("Retry-After")));
    }
}
