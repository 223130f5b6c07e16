package com.hostmcp.audit.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A CloudEvents envelope read together with its typed data in one pass: the gateway's topics carry one event type
 * each, at volume, and reading a JSON tree first and mapping it afterwards costs about twice as much. Without the
 * envelope's {@code time}: a tool call's entry has the call's own start time.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Envelope<T>(
        @JsonProperty("specversion") String specVersion,
        String id,
        String type,
        String source,
        String subject,
        @JsonProperty("correlationid") String correlationId,
        @JsonProperty("causationid") String causationId,
        T data) {
}
