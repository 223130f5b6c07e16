package com.hostmcp.dashboard.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.client.AuditClient;
import com.hostmcp.dashboard.service.OrganizationDirectory;
import com.hostmcp.dashboard.service.UsageOverview;
import com.hostmcp.dashboard.service.UsageOverview.Usage;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** MCP usage of the organization (any member). */
@Path("/api/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

    /** 1..90, as a string so that "abc" is a 400 naming the parameter. */
    static final String DAYS = "[1-9]|[1-8][0-9]|90";

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final UsageOverview usage;
    private final AuditClient audit;

    public UsageResource(CurrentCaller caller, OrganizationDirectory directory, UsageOverview usage,
            @RestClient AuditClient audit) {
        this.caller = caller;
        this.directory = directory;
        this.usage = usage;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Month to date (requests, errors, per tool), the last 30 days, the listing count and the "
            + "projected bill")
    public Uni<Usage> overview() {
        return usage.usage(caller.get());
    }

    @GET
    @Path("daily")
    @Operation(summary = "The last 1..90 UTC days, oldest first, of all tools or one")
    public Uni<JsonNode> daily(
            @QueryParam("days") @DefaultValue("30") @Pattern(regexp = DAYS, message = "must be a whole number from 1 to 90") String days,
            @QueryParam("tool") @Size(min = 1, max = 128) @Pattern(regexp = AuditLogResource.NAME, message = AuditLogResource.NAME_MESSAGE) String tool) {
        return directory.organizationId(caller.get()).flatMap(id -> audit.usageDaily(id, Integer.parseInt(days), tool));
    }
}
