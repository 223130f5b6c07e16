package com.hostmcp.tenant.rest;

import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.hostmcp.rest.PathIds;
import com.hostmcp.tenant.HostawayCredentials;
import com.hostmcp.tenant.service.HostawayCredentialService;

import io.smallrye.mutiny.Uni;

/**
 * An organization's Hostaway connection. Members may read its status; admins and owners connect, replace, test and
 * disconnect. The secret key goes in once, with PUT, and never comes back out.
 */
@Path("/internal/organizations/{organizationId}/hostaway-credentials")
@RolesAllowed("tenant-api")
@Produces(MediaType.APPLICATION_JSON)
public class HostawayCredentialsResource {

    private final HostawayCredentialService credentials;

    public HostawayCredentialsResource(HostawayCredentialService credentials) {
        this.credentials = credentials;
    }

    public record ConnectRequest(
            @NotBlank @Pattern(regexp = "[0-9]{1,20}", message = "must be the numeric Hostaway account id") String accountId,
            @NotBlank @Size(max = 200) String secretKey) {

        @Override
        public String toString() {
            return "ConnectRequest[" + accountId + "]";
        }
    }

    public enum ConnectionStatus {
        NOT_CONNECTED,
        CONNECTED,
        INVALID
    }

    /** The connection as the dashboard shows it: never the secret, not even encrypted. */
    public record HostawayConnection(ConnectionStatus status, String accountId, String invalidReason,
            Instant invalidSince, Instant connectedAt) {

        static HostawayConnection of(Optional<HostawayCredentials> stored) {
            return stored.map(HostawayConnection::of)
                    .orElseGet(() -> new HostawayConnection(ConnectionStatus.NOT_CONNECTED, null, null, null, null));
        }

        static HostawayConnection of(HostawayCredentials stored) {
            return new HostawayConnection(ConnectionStatus.valueOf(stored.status().name()), stored.accountId(),
                    stored.invalidReason(), stored.invalidSince(), stored.connectedAt());
        }
    }

    @GET
    public Uni<HostawayConnection> status(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return credentials.find(PathIds.parse(organizationId), actingUser).map(HostawayConnection::of);
    }

    /**
     * Connects or replaces, after Hostaway accepted the credentials: 422 when it rejects them, 503 with Retry-After
     * when it cannot be asked; nothing is stored in either case.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<HostawayConnection> connect(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser, @Valid @NotNull ConnectRequest request) {
        return credentials.connect(PathIds.parse(organizationId), actingUser, request.accountId(), request.secretKey())
                .map(HostawayConnection::of);
    }

    /** Checks the stored credentials with Hostaway again; the answer is CONNECTED or INVALID with the reason. */
    @POST
    @Path("test")
    public Uni<HostawayConnection> test(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return credentials.test(PathIds.parse(organizationId), actingUser).map(HostawayConnection::of);
    }

    /** 204, also when nothing was connected. */
    @DELETE
    public Uni<Void> disconnect(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return credentials.disconnect(PathIds.parse(organizationId), actingUser);
    }
}
