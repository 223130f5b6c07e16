package com.hostmcp.dashboard.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.client.TenantClient;
import com.hostmcp.dashboard.client.TenantClient.AddMemberRequest;
import com.hostmcp.dashboard.client.TenantClient.ChangeRoleRequest;
import com.hostmcp.dashboard.client.TenantClient.RenameRequest;
import com.hostmcp.dashboard.service.OrganizationDirectory;
import com.hostmcp.rest.PathIds;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The caller's organization and its members; tenant-service checks the caller's role on every change. */
@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organization")
public class OrganizationResource {

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final TenantClient tenant;

    public OrganizationResource(CurrentCaller caller, OrganizationDirectory directory, @RestClient TenantClient tenant) {
        this.caller = caller;
        this.directory = directory;
        this.tenant = tenant;
    }

    @PATCH
    @Path("organization")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename the organization (owners and admins)")
    public Uni<JsonNode> rename(@NotNull @Valid RenameRequest request) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.rename(id, me.subject(), request));
    }

    @GET
    @Path("members")
    @Operation(summary = "The organization's members")
    public Uni<JsonNode> members() {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.members(id, me.subject()));
    }

    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Invite someone by e-mail (owners and admins; only owners add owners)")
    public Uni<JsonNode> addMember(@NotNull @Valid AddMemberRequest request) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.addMember(id, me.subject(), request));
    }

    @PATCH
    @Path("members/{memberId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a member's role (owners and admins; only owners grant or revoke OWNER)")
    public Uni<JsonNode> changeRole(
            @PathParam("memberId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String memberId,
            @NotNull @Valid ChangeRoleRequest request) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.changeRole(id, PathIds.parse(memberId), me.subject(), request));
    }

    @DELETE
    @Path("members/{memberId}")
    @Operation(summary = "Remove a member (owners and admins; anyone may remove themselves)")
    public Uni<Void> removeMember(
            @PathParam("memberId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String memberId) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.removeMember(id, PathIds.parse(memberId), me.subject()));
    }
}
