package com.hostmcp.sync.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.hostmcp.rest.PathIds;
import com.hostmcp.sync.SyncRun;
import com.hostmcp.sync.repository.SyncRunRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * An organization's sync runs, for dashboard-api: the history, one run, and the run that serves a Sync Now request
 * (404 until sync-service has received the request; poll it). Every path names the organization, so a run of another
 * organization is simply not found.
 */
@Path("/internal/organizations/{organizationId}")
@RolesAllowed("sync-api")
@Produces(MediaType.APPLICATION_JSON)
public class SyncRunsResource {

    // a string checked here, so that "many" is a 400 naming the parameter like "0" or "101", not a JAX-RS 404
    private static final String LIMIT = "[1-9][0-9]?|100";

    private final Pool pool;
    private final SyncRunRepository runs;

    public SyncRunsResource(Pool pool, SyncRunRepository runs) {
        this.pool = pool;
        this.runs = runs;
    }

    /** The newest {@code limit} runs (1..100, default 20), newest first. */
    @GET
    @Path("/sync-runs")
    public Uni<List<SyncRun>> history(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @QueryParam("limit") @DefaultValue("20") @Pattern(regexp = LIMIT, message = "must be a whole number from 1 to 100") String limit) {
        return runs.history(pool, PathIds.parse(organizationId), Integer.parseInt(limit));
    }

    @GET
    @Path("/sync-runs/{runId}")
    public Uni<SyncRun> run(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @PathParam("runId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String runId) {
        return runs.find(pool, PathIds.parse(organizationId), PathIds.parse(runId))
                .map(run -> run.orElseThrow(() -> new NotFoundException("no such sync run")));
    }

    @GET
    @Path("/sync-requests/{requestId}")
    public Uni<SyncRun> runOfRequest(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @PathParam("requestId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String requestId) {
        return runs.findByRequest(pool, PathIds.parse(organizationId), PathIds.parse(requestId))
                .map(run -> run.orElseThrow(() -> new NotFoundException(
                        "no run for this request yet: it has not reached sync-service, or it is not this organization's")));
    }
}
