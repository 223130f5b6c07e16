package com.hostmcp.dashboard.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import com.hostmcp.rest.PathIds;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The organization's audit log (any member): every MCP tool call and every change, newest first. */
@Path("/api/audit-log")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class AuditLogResource {

    /** RFC 3339 with an offset, e.g. 2026-11-01T00:00:00Z (audit-service parses it). */
    static final String TIME = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|z|[+-][0-9]{2}:[0-9]{2})";
    static final String TIME_MESSAGE = "must be an RFC 3339 date-time, e.g. 2026-11-01T00:00:00Z";
    static final String LIMIT = "[1-9][0-9]?|1[0-9]{2}|200";
    /** A tool name or an event type (list_listings, com.hostmcp.tenant.MemberAdded.v1): words joined by dots. */
    static final String NAME = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";
    static final String NAME_MESSAGE = "must be a tool name or an event type, e.g. list_listings";

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final AuditClient audit;

    public AuditLogResource(CurrentCaller caller, OrganizationDirectory directory, @RestClient AuditClient audit) {
        this.caller = caller;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * {@code tool} is the dashboard's name for a tool call's action (it also limits the search to tool calls);
     * {@code action} also matches domain events by type. {@code cursor} is the previous page's {@code nextCursor}.
     */
    @GET
    @Operation(summary = "Search the audit log: from (inclusive), to (exclusive), tool or action, outcome, keyId, kind; "
            + "cursor paging")
    public Uni<JsonNode> search(
            @QueryParam("from") @Pattern(regexp = TIME, message = TIME_MESSAGE) String from,
            @QueryParam("to") @Pattern(regexp = TIME, message = TIME_MESSAGE) String to,
            @QueryParam("tool") @Size(min = 1, max = 200) @Pattern(regexp = NAME, message = NAME_MESSAGE) String tool,
            @QueryParam("action") @Size(min = 1, max = 200) @Pattern(regexp = NAME, message = NAME_MESSAGE) String action,
            @QueryParam("outcome") @Pattern(regexp = "SUCCESS|ERROR|REFUSED", message = "must be SUCCESS, ERROR or REFUSED") String outcome,
            @QueryParam("keyId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String keyId,
            @QueryParam("kind") @Pattern(regexp = "TOOL_CALL|DOMAIN_EVENT", message = "must be TOOL_CALL or DOMAIN_EVENT") String kind,
            @QueryParam("cursor") @Size(max = 500) @Pattern(regexp = "[A-Za-z0-9_-]*", message = "must be a cursor from nextCursor") String cursor,
            @QueryParam("limit") @Pattern(regexp = LIMIT, message = "must be a whole number from 1 to 200") String limit) {
        if (tool != null && action != null) {
            throw new InvalidFieldException("tool", "give either tool or action, not both");
        }
        String searched = tool != null ? tool : action;
        String kindSearched = tool != null && kind == null ? "TOOL_CALL" : kind;
        return directory.organizationId(caller.get()).flatMap(id -> audit.auditLog(id, from, to, searched, outcome,
                keyId, kindSearched, cursor, limit == null ? null : Integer.valueOf(limit)));
    }
}
