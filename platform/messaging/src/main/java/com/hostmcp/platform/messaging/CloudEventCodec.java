package com.hostmcp.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Turns events into record values and back, and maps their data to a consumer's own record type. */
@ApplicationScoped
public class CloudEventCodec {

    private final ObjectMapper mapper;

    public CloudEventCodec(ObjectMapper mapper) {
        // times in events are RFC 3339 strings whatever the application's mapper defaults are
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** A CloudEvent whose data is the given producer record, serialized as JSON. */
    public CloudEvent create(String type, String source, String subject, Object data) {
        return CloudEvent.create(type, source, subject, mapper.valueToTree(data));
    }

    public String encode(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.id() + " cannot be serialized", e);
        }
    }

    /**
     * Reads a record value. A value that is not a CloudEvents 1.0 JSON event is refused with {@link MalformedEventException}
     * (a poison record, not a transient failure).
     */
    public CloudEvent decode(String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
        CloudEvent event;
        try {
            event = mapper.readValue(value, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvents JSON event: " + e.getOriginalMessage());
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specVersion())) {
            throw new MalformedEventException("unsupported specversion " + event.specVersion());
        }
        return event;
    }

    /** The event's data as the consumer's own type; unknown fields are ignored (additive producer changes). */
    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return mapper.readerFor(type)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + event.type() + " " + event.id() + " does not match "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
    }

}
