package com.hostmcp.dashboard.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.client.TenantClient;
import com.hostmcp.dashboard.client.TenantClient.ConnectRequest;
import com.hostmcp.dashboard.service.OrganizationDirectory;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The organization's Hostaway connection. The secret goes to tenant-service once, with PUT, and never comes back;
 * tenant-service checks it with Hostaway first (422 when Hostaway rejects it, 503 when Hostaway cannot be asked).
 */
@Path("/api/hostaway-connection")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hostaway connection")
public class HostawayConnectionResource {

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final TenantClient tenant;

    public HostawayConnectionResource(CurrentCaller caller, OrganizationDirectory directory, @RestClient TenantClient tenant) {
        this.caller = caller;
        this.directory = directory;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The connection's status (NOT_CONNECTED, CONNECTED, INVALID with the reason)")
    public Uni<JsonNode> status() {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.hostawayConnection(id, me.subject()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect or replace the Hostaway account (owners and admins)")
    public Uni<JsonNode> connect(@NotNull @Valid ConnectRequest request) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.connectHostaway(id, me.subject(), request));
    }

    @POST
    @Path("test")
    @Operation(summary = "Check the stored credentials with Hostaway again (owners and admins)")
    public Uni<JsonNode> test() {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.testHostaway(id, me.subject()));
    }

    @DELETE
    @Operation(summary = "Disconnect Hostaway (owners and admins)")
    public Uni<Void> disconnect() {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.disconnectHostaway(id, me.subject()));
    }
}
