package com.hostmcp.dashboard.client;

import static com.hostmcp.dashboard.client.InternalCalls.ACTING_USER;
import static com.hostmcp.dashboard.client.InternalCalls.HOSTAWAY_CHECK_TIMEOUT_MS;
import static com.hostmcp.dashboard.client.InternalCalls.READ_RETRIES;
import static com.hostmcp.dashboard.client.InternalCalls.READ_TIMEOUT_MS;
import static com.hostmcp.dashboard.client.InternalCalls.RETRY_DELAY_MS;
import static com.hostmcp.dashboard.client.InternalCalls.WRITE_TIMEOUT_MS;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * tenant-service's internal API ({@code /internal/organizations}): organizations, members, Hostaway credentials and
 * API keys, on behalf of the user in {@value InternalCalls#ACTING_USER}. Bodies the dashboard only passes on are
 * {@link JsonNode}s, so that a field tenant-service adds reaches the SPA unchanged.
 */
@Path("/internal/organizations")
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TenantClient {

    String SERVICE = "tenant-service";

    record RegistrationRequest(String subject, String email, String organizationName) {
    }

    /** The caller's organization and role; {@code created} on the first sign-in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Registration(UUID organizationId, String name, MemberRole role, boolean created) {
    }

    /** {@code role} is the acting user's. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organization(UUID id, String name, MemberRole role, Instant createdAt) {
    }

    record RenameRequest(@NotBlank @Size(max = 100) String name) {
    }

    record AddMemberRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull MemberRole role) {
    }

    record ChangeRoleRequest(@NotNull MemberRole role) {
    }

    record ConnectRequest(
            @NotBlank @Pattern(regexp = "[0-9]{1,20}", message = "must be the numeric Hostaway account id") String accountId,
            @NotBlank @Size(max = 200) String secretKey) {

        @Override
        public String toString() {
            return "ConnectRequest[" + accountId + "]";
        }
    }

    record CreateKeyRequest(@Size(max = 100) String name) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return InternalServiceException.from(SERVICE, response);
    }

    /** Creates the user's organization at their first sign-in, or finds it (also by a pending invitation). */
    @POST
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<Registration> register(RegistrationRequest request);

    @GET
    @Path("{organizationId}")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<Organization> organization(@PathParam("organizationId") UUID organizationId,
            @HeaderParam(ACTING_USER) String actingUser);

    @PATCH
    @Path("{organizationId}")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> rename(@PathParam("organizationId") UUID organizationId, @HeaderParam(ACTING_USER) String actingUser,
            RenameRequest request);

    @GET
    @Path("{organizationId}/members")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> members(@PathParam("organizationId") UUID organizationId, @HeaderParam(ACTING_USER) String actingUser);

    @POST
    @Path("{organizationId}/members")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> addMember(@PathParam("organizationId") UUID organizationId, @HeaderParam(ACTING_USER) String actingUser,
            AddMemberRequest request);

    @PATCH
    @Path("{organizationId}/members/{memberId}")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> changeRole(@PathParam("organizationId") UUID organizationId, @PathParam("memberId") UUID memberId,
            @HeaderParam(ACTING_USER) String actingUser, ChangeRoleRequest request);

    @DELETE
    @Path("{organizationId}/members/{memberId}")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<Void> removeMember(@PathParam("organizationId") UUID organizationId, @PathParam("memberId") UUID memberId,
            @HeaderParam(ACTING_USER) String actingUser);

    @GET
    @Path("{organizationId}/hostaway-credentials")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> hostawayConnection(@PathParam("organizationId") UUID organizationId,
            @HeaderParam(ACTING_USER) String actingUser);

    @PUT
    @Path("{organizationId}/hostaway-credentials")
    @Timeout(HOSTAWAY_CHECK_TIMEOUT_MS)
    Uni<JsonNode> connectHostaway(@PathParam("organizationId") UUID organizationId,
            @HeaderParam(ACTING_USER) String actingUser, ConnectRequest request);

    @POST
    @Path("{organizationId}/hostaway-credentials/test")
    @Timeout(HOSTAWAY_CHECK_TIMEOUT_MS)
    Uni<JsonNode> testHostaway(@PathParam("organizationId") UUID organizationId,
            @HeaderParam(ACTING_USER) String actingUser);

    @DELETE
    @Path("{organizationId}/hostaway-credentials")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<Void> disconnectHostaway(@PathParam("organizationId") UUID organizationId,
            @HeaderParam(ACTING_USER) String actingUser);

    @GET
    @Path("{organizationId}/api-keys")
    @Timeout(READ_TIMEOUT_MS)
    @Retry(maxRetries = READ_RETRIES, delay = RETRY_DELAY_MS, retryOn = { IOException.class, ProcessingException.class,
            TimeoutException.class })
    Uni<JsonNode> apiKeys(@PathParam("organizationId") UUID organizationId, @HeaderParam(ACTING_USER) String actingUser);

    /** 201 with the full key, the only time it is shown. */
    @POST
    @Path("{organizationId}/api-keys")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> createApiKey(@PathParam("organizationId") UUID organizationId,
            @HeaderParam(ACTING_USER) String actingUser, CreateKeyRequest request);

    @DELETE
    @Path("{organizationId}/api-keys/{keyId}")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<Void> revokeApiKey(@PathParam("organizationId") UUID organizationId, @PathParam("keyId") UUID keyId,
            @HeaderParam(ACTING_USER) String actingUser);

    @POST
    @Path("{organizationId}/api-keys/{keyId}/regenerate")
    @Timeout(WRITE_TIMEOUT_MS)
    Uni<JsonNode> regenerateApiKey(@PathParam("organizationId") UUID organizationId, @PathParam("keyId") UUID keyId,
            @HeaderParam(ACTING_USER) String actingUser);
}
