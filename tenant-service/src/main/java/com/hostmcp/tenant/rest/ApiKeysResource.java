package com.hostmcp.tenant.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.hostmcp.rest.PathIds;
import com.hostmcp.tenant.apikey.ApiKey;
import com.hostmcp.tenant.service.ApiKeyService;
import com.hostmcp.tenant.service.ApiKeyService.IssuedKey;

import io.smallrye.mutiny.Uni;

/** An organization's API keys. The full key is in the response to create and regenerate, once, and never cached. */
@Path("/internal/organizations/{organizationId}/api-keys")
@RolesAllowed("tenant-api")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    private final ApiKeyService keys;

    public ApiKeysResource(ApiKeyService keys) {
        this.keys = keys;
    }

    public record CreateRequest(@Size(max = 100) String name) {
    }

    /** A key as listed: never the key, never its hash. */
    public record ApiKeyView(UUID id, String name, String displayHint, ApiKey.Status status, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.name(), key.displayHint(), key.status(), key.createdAt(),
                    key.lastUsedAt(), key.revokedAt());
        }
    }

    /** The one response that carries the full key. */
    public record CreatedApiKey(UUID id, String key, String name, String displayHint, Instant createdAt) {

        @Override
        public String toString() {
            return "CreatedApiKey[" + id + ", " + displayHint + "]";
        }
    }

    @GET
    public Uni<List<ApiKeyView>> list(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return keys.list(PathIds.parse(organizationId), actingUser)
                .map(list -> list.stream().map(ApiKeyView::of).toList());
    }

    /** 201 with the new key; {@code name} (and an empty JSON body) may be left out. 409 at five active keys. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser, @Valid CreateRequest request) {
        return keys.create(PathIds.parse(organizationId), actingUser, request == null ? null : request.name())
                .map(ApiKeysResource::created);
    }

    /** 204; revoking a revoked key is a no-op. */
    @DELETE
    @Path("{keyId}")
    public Uni<Void> revoke(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @PathParam("keyId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String keyId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return keys.revoke(PathIds.parse(organizationId), actingUser, PathIds.parse(keyId));
    }

    /** 201 with the replacement key; the old one is revoked in the same transaction. */
    @POST
    @Path("{keyId}/regenerate")
    public Uni<Response> regenerate(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @PathParam("keyId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String keyId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return keys.regenerate(PathIds.parse(organizationId), actingUser, PathIds.parse(keyId))
                .map(ApiKeysResource::created);
    }

    private static Response created(IssuedKey issued) {
        ApiKey key = issued.apiKey();
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(new CreatedApiKey(key.id(), issued.key(), key.name(), key.displayHint(), key.createdAt()))
                .build();
    }
}
