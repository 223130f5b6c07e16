package com.hostmcp.dashboard.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code com.hostmcp.sync.SyncRequested.v1} as it travels: a CloudEvents 1.0 event in structured JSON mode (contract in
 * docs/events). {@code correlationid} is the request id, which the resulting sync run refers to.
 */
public record SyncRequested(
        @JsonProperty("specversion") String specVersion,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        @JsonProperty("datacontenttype") String dataContentType,
        @JsonProperty("correlationid") String correlationId,
        Data data) {

    public static final String TYPE = "com.hostmcp.sync.SyncRequested.v1";
    public static final String SOURCE = "/dashboard-api";

    /** The command: count this organization's listings now. */
    public record Data(UUID organizationId, UUID requestId, String requestedBy, Instant requestedAt) {
    }

    public static SyncRequested of(UUID organizationId, UUID requestId, String requestedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new SyncRequested("1.0", UUID.randomUUID().toString(), TYPE, SOURCE, organizationId.toString(), now,
                "application/json", requestId.toString(), new Data(organizationId, requestId, requestedBy, now));
    }
}
