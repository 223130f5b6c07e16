package com.hostmcp.dashboard.rest;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.client.SyncClient;
import com.hostmcp.dashboard.service.OrganizationDirectory;
import com.hostmcp.dashboard.service.SyncRequests;
import com.hostmcp.dashboard.service.SyncRequests.Queued;
import com.hostmcp.rest.PathIds;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** "Sync Now" (count the Hostaway listings now) and the history of sync runs. */
@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Listing sync")
public class SyncResource {

    static final String LIMIT = "[1-9][0-9]?|100";

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final SyncRequests requests;
    private final SyncClient sync;

    public SyncResource(CurrentCaller caller, OrganizationDirectory directory, SyncRequests requests,
            @RestClient SyncClient sync) {
        this.caller = caller;
        this.directory = directory;
        this.requests = requests;
        this.sync = sync;
    }

    /** The request to poll for its run. */
    public record Accepted(UUID requestId, String pollUrl) {
    }

    @POST
    @Path("sync-requests")
    @Operation(summary = "Sync Now (owners and admins): 202 with the request to poll")
    public Uni<Response> request() {
        return requests.request(caller.get())
                .map(requestId -> Response.accepted(new Accepted(requestId, "/api/sync-requests/" + requestId)).build());
    }

    @GET
    @Path("sync-requests/{requestId}")
    @Operation(summary = "200 with the sync run serving the request, 202 {status: QUEUED} until sync-service has it, 404 for"
            + " an id not issued for the organization in the last hour")
    public Uni<Response> run(
            @PathParam("requestId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String requestId) {
        UUID id = PathIds.parse(requestId);
        return requests.run(caller.get(), id).map(run -> run
                .map(found -> Response.ok(found).build())
                .orElseGet(() -> Response.accepted(Queued.of(id)).build()));
    }

    @GET
    @Path("sync-runs")
    @Operation(summary = "The organization's sync runs, newest first")
    public Uni<JsonNode> runs(
            @QueryParam("limit") @Pattern(regexp = LIMIT, message = "must be a whole number from 1 to 100") String limit) {
        return directory.organizationId(caller.get())
                .flatMap(id -> sync.runs(id, limit == null ? null : Integer.valueOf(limit)));
    }
}
