package com.hostmcp.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.hostmcp.audit.AuditEntry;
import com.hostmcp.audit.EntryKind;
import com.hostmcp.audit.ListingCount;
import com.hostmcp.audit.Outcome;
import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;

/**
 * Reads one Kafka record into an audit entry, tolerantly (unknown fields and unknown domain event types are fine), but
 * refuses with {@link MalformedEventException} what cannot be attributed to an organization and a time.
 */
@ApplicationScoped
public class AuditRecords {

    /** Who acts in a tool call: the organization's API key. */
    public static final String API_KEY_ACTOR = "API_KEY";
    private static final int TRACEPARENT_LENGTH = 55;

    private final CloudEventCodec codec;
    private final ObjectMapper mapper;
    /** The gateway's topics and the event each carries, read in one pass. */
    private final Map<String, ObjectReader> fastPaths;

    public AuditRecords(CloudEventCodec codec, ObjectMapper mapper) {
        this.codec = codec;
        this.mapper = mapper;
        this.fastPaths = Map.of("mcp.tool-invocations.v1", envelopeReader(mapper, ToolInvoked.class),
                "mcp.usage.v1", envelopeReader(mapper, UsageRecorded.class));
    }

    /** What one record adds: an audit entry, and for a listing-count event the new count. */
    public record Read(AuditEntry entry, ListingCount listingCount) {
    }

    public Read read(ConsumerRecord<String, String> record) {
        String traceId = traceId(record);
        ObjectReader fastPath = fastPaths.get(record.topic());
        if (fastPath != null && record.value() != null) {
            Envelope<?> envelope = envelope(record.value(), fastPath);
            if (envelope.data() instanceof ToolInvoked call && ToolInvoked.TYPE.equals(envelope.type())) {
                return new Read(toolInvoked(envelope, call, traceId), null);
            }
            if (envelope.data() instanceof UsageRecorded usage && UsageRecorded.TYPE.equals(envelope.type())) {
                return new Read(usageRecorded(envelope, usage, traceId), null);
            }
            // another type on a gateway topic: read it like any other event below
        }
        CloudEvent event = codec.decode(record.value());
        return switch (event.type()) {
            case ToolInvoked.TYPE -> new Read(toolInvoked(envelope(event), codec.data(event, ToolInvoked.class),
                    traceId), null);
            case UsageRecorded.TYPE -> new Read(usageRecorded(envelope(event), codec.data(event, UsageRecorded.class),
                    traceId), null);
            case ListingCountSynced.TYPE -> new Read(domainEvent(event, traceId), listingCount(event));
            default -> new Read(domainEvent(event, traceId), null);
        };
    }

    private AuditEntry toolInvoked(Envelope<?> event, ToolInvoked call, String traceId) {
        require(call.invocationId() != null && call.organizationId() != null && call.tool() != null
                && call.startedAt() != null, event, "invocationId, organizationId, tool and startedAt");
        String details = json(new CallDetails(call.arguments(), call.transport(), call.hostawayStatus(),
                call.hostawayCalls()));
        return new AuditEntry(call.invocationId().toString(), call.startedAt(), call.organizationId(),
                EntryKind.TOOL_CALL, call.tool(), API_KEY_ACTOR, string(call.keyId()), call.keyId(),
                outcome(call.outcome(), event), text(call.errorType()), text(call.errorMessage()),
                latency(call.latencyMs()), event.source(), event.id(), event.correlationId(), event.causationId(),
                traceId, call.mcpSessionId(), details, true);
    }

    private AuditEntry usageRecorded(Envelope<?> event, UsageRecorded usage, String traceId) {
        require(usage.invocationId() != null && usage.organizationId() != null && usage.tool() != null
                && usage.occurredAt() != null, event, "invocationId, organizationId, tool and occurredAt");
        return new AuditEntry(usage.invocationId().toString(), usage.occurredAt(), usage.organizationId(),
                EntryKind.TOOL_CALL, usage.tool(), API_KEY_ACTOR, string(usage.keyId()), usage.keyId(),
                outcome(usage.outcome(), event), null, null, latency(usage.latencyMs()), event.source(), event.id(),
                event.correlationId(), event.causationId(), traceId, null, null, false);
    }

    /** What a tool call's entry keeps besides its columns: the redacted arguments and how the call was made. */
    private record CallDetails(JsonNode arguments, String transport, Integer hostawayStatus, Integer hostawayCalls) {
    }

    private static ObjectReader envelopeReader(ObjectMapper mapper, Class<?> data) {
        JavaType type = mapper.getTypeFactory().constructParametricType(Envelope.class, data);
        return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static Envelope<?> envelope(String value, ObjectReader reader) {
        Envelope<?> envelope;
        try {
            envelope = reader.readValue(value);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvents JSON event: " + e.getOriginalMessage());
        }
        if (envelope == null || !CloudEvent.SPEC_VERSION.equals(envelope.specVersion()) || envelope.id() == null
                || envelope.type() == null || envelope.source() == null) {
            throw new MalformedEventException("not a CloudEvents 1.0 event (specversion, id, type or source missing)");
        }
        return envelope;
    }

    private static Envelope<?> envelope(CloudEvent event) {
        return new Envelope<>(event.specVersion(), event.id(), event.type(), event.source(), event.subject(),
                event.correlationId(), event.causationId(), null);
    }

    private AuditEntry domainEvent(CloudEvent event, String traceId) {
        JsonNode data = event.data();
        require(data != null && data.isObject(), event, "a data object");
        UUID organizationId = uuid(event.subject());
        if (organizationId == null) {
            organizationId = uuid(data.path("organizationId").asText(null));
        }
        require(organizationId != null, event, "an organization id as subject");
        JsonNode actor = data.path("actor");
        String actorType = actor.path("type").isTextual() ? actor.path("type").asText() : null;
        String actorId = actor.path("id").isTextual() ? actor.path("id").asText() : null;
        if (actorType == null) {
            // events without an actor (billing, sync) are the producing service's own doing
            actorType = "SERVICE";
            actorId = event.source().startsWith("/") ? event.source().substring(1) : event.source();
        }
        Instant occurredAt = event.time() != null ? event.time().toInstant() : Instant.now();
        return new AuditEntry(event.id(), occurredAt, organizationId, EntryKind.DOMAIN_EVENT, event.type(), actorType,
                actorId, uuid(data.path("keyId").asText(null)), null, null, null, null, event.source(), event.id(),
                event.correlationId(), event.causationId(), traceId, null, json(data), true);
    }

    private ListingCount listingCount(CloudEvent event) {
        ListingCountSynced synced = codec.data(event, ListingCountSynced.class);
        require(synced.organizationId() != null && synced.runId() != null && synced.activeListings() != null
                && synced.totalListings() != null && synced.syncedAt() != null, event,
                "organizationId, runId, activeListings, totalListings and syncedAt");
        return new ListingCount(synced.organizationId(), synced.activeListings(), synced.totalListings(),
                synced.runId(), synced.syncedAt());
    }

    private static Outcome outcome(String value, Envelope<?> event) {
        try {
            return Outcome.valueOf(value == null ? "" : value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no known outcome: " + value);
        }
    }

    /** Latency as stored (int milliseconds: 24 days is far beyond any call's timeout). */
    private static Integer latency(Long millis) {
        return millis == null ? null : (int) Math.max(0, Math.min(Integer.MAX_VALUE, millis));
    }

    /**
     * The trace id of the W3C trace context the gateway sends as the record's only header
     * ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}); null when absent or malformed.
     */
    private static String traceId(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        byte[] value = header == null ? null : header.value();
        if (value == null || value.length != TRACEPARENT_LENGTH || value[2] != '-' || value[35] != '-'
                || value[52] != '-') {
            return null;
        }
        for (int i = 0; i < value.length; i++) {
            boolean hex = (value[i] >= '0' && value[i] <= '9') || (value[i] >= 'a' && value[i] <= 'f');
            if (!hex && i != 2 && i != 35 && i != 52) {
                return null;
            }
        }
        return new String(value, 3, 32, StandardCharsets.US_ASCII);
    }

    private String json(Object value) {
        try {
            // PostgreSQL text and jsonb cannot hold U+0000; one such character must not make a call unstorable
            return mapper.writeValueAsString(value).replace("\\u0000", "\\uFFFD");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    private static void require(boolean condition, CloudEvent event, String what) {
        if (!condition) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks " + what);
        }
    }

    private static void require(boolean condition, Envelope<?> event, String what) {
        if (!condition) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks " + what);
        }
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String string(UUID id) {
        return id == null ? null : id.toString();
    }
}
