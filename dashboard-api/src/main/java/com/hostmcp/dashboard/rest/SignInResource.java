package com.hostmcp.dashboard.rest;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where the code flow starts and ends. {@code /login} needs an authenticated user (HTTP permission {@code sign-in}):
 * quarkus-oidc sends a browser without a session to the provider (PKCE) and brings it back here, and this sends it on
 * to the SPA. {@code /logout} is quarkus-oidc's RP-initiated logout path and never reaches a resource.
 */
@Path("/login")
public class SignInResource {

    @GET
    @Operation(hidden = true)
    public Response signedIn() {
        return Response.seeOther(URI.create("/#/")).build();
    }
}
