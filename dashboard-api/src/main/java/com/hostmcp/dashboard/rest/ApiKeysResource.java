package com.hostmcp.dashboard.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.client.TenantClient;
import com.hostmcp.dashboard.client.TenantClient.CreateKeyRequest;
import com.hostmcp.dashboard.service.OrganizationDirectory;
import com.hostmcp.rest.PathIds;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The organization's MCP API keys. The full key is in the answer to create and regenerate, once, never cached. */
@Path("/api/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeysResource {

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final TenantClient tenant;

    public ApiKeysResource(CurrentCaller caller, OrganizationDirectory directory, @RestClient TenantClient tenant) {
        this.caller = caller;
        this.directory = directory;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The keys (name, hint, status, created, last used); never a key itself")
    public Uni<JsonNode> list() {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.apiKeys(id, me.subject()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Create a key (owners and admins; at most five active); the answer holds the full key, once")
    public Uni<JsonNode> create(@Valid CreateKeyRequest request) {
        Caller me = caller.get();
        CreateKeyRequest named = request == null ? new CreateKeyRequest(null) : request;
        return directory.inTenant(me, id -> tenant.createApiKey(id, me.subject(), named));
    }

    @DELETE
    @Path("{keyId}")
    @Operation(summary = "Revoke a key (owners and admins)")
    public Uni<Void> revoke(
            @PathParam("keyId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String keyId) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.revokeApiKey(id, PathIds.parse(keyId), me.subject()));
    }

    @POST
    @Path("{keyId}/regenerate")
    @ResponseStatus(201)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Revoke a key and issue its replacement (owners and admins); the answer holds the new key, once")
    public Uni<JsonNode> regenerate(
            @PathParam("keyId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String keyId) {
        Caller me = caller.get();
        return directory.inTenant(me, id -> tenant.regenerateApiKey(id, PathIds.parse(keyId), me.subject()));
    }
}
