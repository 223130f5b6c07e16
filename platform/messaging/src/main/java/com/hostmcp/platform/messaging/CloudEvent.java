package com.hostmcp.platform.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the value of every record on our topics. The {@code data} is kept as
 * JSON so that each service maps it to its own record type (consumers own their event records).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(
        @JsonProperty("specversion") String specVersion,
        String id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        @JsonProperty("datacontenttype") String dataContentType,
        @JsonProperty("correlationid") String correlationId,
        @JsonProperty("causationid") String causationId,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    /** A new event with a random id, the current time (to the millisecond, UTC) and JSON data. */
    public static CloudEvent create(String type, String source, String subject, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), type, source, subject,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), JSON, null, null, data);
    }

    public CloudEvent withCorrelationId(String correlation) {
        return new CloudEvent(specVersion, id, type, source, subject, time, dataContentType, correlation, causationId, data);
    }

    public CloudEvent withCausationId(String causation) {
        return new CloudEvent(specVersion, id, type, source, subject, time, dataContentType, correlationId, causation, data);
    }
}
