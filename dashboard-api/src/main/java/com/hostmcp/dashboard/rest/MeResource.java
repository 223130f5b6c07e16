package com.hostmcp.dashboard.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.service.AccountOverview;
import com.hostmcp.dashboard.service.AccountOverview.Me;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public class MeResource {

    private final CurrentCaller caller;
    private final AccountOverview account;

    public MeResource(CurrentCaller caller, AccountOverview account) {
        this.caller = caller;
        this.account = account;
    }

    @GET
    @Operation(summary = "The signed-in user, their organization (created at the first call), the MCP endpoint and "
            + "how far onboarding has come")
    public Uni<Me> me() {
        return account.me(caller.get());
    }
}
