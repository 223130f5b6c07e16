package com.hostmcp.audit.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.audit.AuditEntry;
import com.hostmcp.audit.AuditQuery;
import com.hostmcp.audit.EntryKind;
import com.hostmcp.audit.Outcome;
import com.hostmcp.audit.StoredEntry;
import com.hostmcp.audit.service.AuditSearch;
import com.hostmcp.rest.PathIds;

import io.smallrye.mutiny.Uni;

/** Search of an organization's audit log for dashboard-api: filters, newest first, cursor pagination. */
@Path("/internal/organizations/{organizationId}/audit-log")
@RolesAllowed("audit-api")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    static final int MAX_LIMIT = 200;

    private final AuditSearch search;
    private final ObjectMapper mapper;

    public AuditLogResource(AuditSearch search, ObjectMapper mapper) {
        this.search = search;
        this.mapper = mapper;
    }

    public record ActorView(String type, String id) {
    }

    /**
     * One entry. For a tool call {@code action} is the tool and {@code details} holds the redacted arguments and the
     * transport details; for a domain event {@code action} is the event type and {@code details} its data.
     */
    public record EntryView(String id, EntryKind kind, Instant occurredAt, Instant receivedAt, String action,
            ActorView actor, UUID keyId, Outcome outcome, String errorType, String errorMessage, Integer latencyMs,
            String source, String eventId, String correlationId, String causationId, String traceId,
            String mcpSessionId, JsonNode details) {
    }

    /** {@code nextCursor} continues after the last entry; null on the last page. */
    public record PageView(List<EntryView> entries, String nextCursor) {
    }

    @GET
    public Uni<PageView> search(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("action") @Size(min = 1, max = 200) String action,
            @QueryParam("outcome") @Pattern(regexp = "SUCCESS|ERROR|REFUSED", message = "must be SUCCESS, ERROR or REFUSED") String outcome,
            @QueryParam("keyId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String keyId,
            @QueryParam("kind") @Pattern(regexp = "TOOL_CALL|DOMAIN_EVENT", message = "must be TOOL_CALL or DOMAIN_EVENT") String kind,
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "[0-9]{1,9}", message = "must be a number") String limit,
            @QueryParam("cursor") @Size(max = 500) String cursor) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new InvalidParameterException("to", "must be after from");
        }
        var query = new AuditQuery(PathIds.parse(organizationId), fromTime, toTime, action,
                outcome == null ? null : Outcome.valueOf(outcome), PathIds.parse(keyId),
                kind == null ? null : EntryKind.valueOf(kind), cursor == null ? null : SearchCursor.decode(cursor),
                QueryNumbers.inRange("limit", limit, 1, MAX_LIMIT));
        return search.search(query).map(page -> new PageView(page.entries().stream().map(this::view).toList(),
                page.next() == null ? null : SearchCursor.encode(page.next())));
    }

    private EntryView view(StoredEntry stored) {
        AuditEntry e = stored.entry();
        return new EntryView(e.entryId(), e.kind(), e.occurredAt(), stored.receivedAt(), e.action(),
                e.actorType() == null ? null : new ActorView(e.actorType(), e.actorId()), e.keyId(), e.outcome(),
                e.errorType(), e.errorMessage(), e.latencyMs(), e.source(), e.eventId(), e.correlationId(),
                e.causationId(), e.traceId(), e.mcpSessionId(), json(e.details()));
    }

    private JsonNode json(String details) {
        if (details == null) {
            return null;
        }
        try {
            return mapper.readTree(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored details are JSON (jsonb)", e);
        }
    }

    /** An RFC 3339 time with an offset ({@code 2026-11-01T00:00:00Z}), or null when absent. */
    private static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, "must be an RFC 3339 date-time, e.g. 2026-11-01T00:00:00Z");
        }
    }
}
