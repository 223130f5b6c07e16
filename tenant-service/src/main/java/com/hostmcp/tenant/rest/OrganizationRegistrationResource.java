package com.hostmcp.tenant.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.service.OrganizationService;

import io.smallrye.mutiny.Uni;

/** First and later logins: dashboard-api asks for the signed-in user's organization, creating it the first time. */
@Path("/internal/organizations")
@RolesAllowed("tenant-api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationRegistrationResource {

    private final OrganizationService organizations;

    public OrganizationRegistrationResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    public record RegistrationRequest(
            @NotBlank @Size(max = 255) String subject,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String organizationName) {
    }

    public record RegistrationResponse(UUID organizationId, String name, MemberRole role, boolean created) {
    }

    /** 201 when the organization was created by this call, 200 when the user already had one. */
    @POST
    public Uni<Response> createOrGet(@NotNull @Valid RegistrationRequest request) {
        return organizations.createOrGet(request.subject(), request.email(), request.organizationName())
                .map(registration -> Response.status(registration.created() ? 201 : 200)
                        .entity(new RegistrationResponse(registration.organization().id(),
                                registration.organization().name(), registration.role(), registration.created()))
                        .build());
    }
}
