package com.hostmcp.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.testsupport.events.EventContracts;

/**
 * Events as their producers' contracts describe them (the examples in docs/events with fresh ids), each checked against
 * its schema, and the Kafka records the producers send (key = organization id; the gateway adds a traceparent).
 */
public final class TestEvents {

    public static final String TOOL_INVOCATIONS = "mcp.tool-invocations.v1";
    public static final String USAGE = "mcp.usage.v1";
    public static final String TENANT_EVENTS = "tenant.events.v1";
    public static final String BILLING_EVENTS = "billing.events.v1";
    public static final String LISTING_COUNTS = "sync.listing-counts.v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestEvents() {
    }

    /** One tool call as the gateway describes it in both of its records. */
    public record Call(UUID invocationId, UUID organizationId, UUID keyId, String tool, String outcome, long latencyMs,
            Instant startedAt) {

        public static Call of(UUID organizationId, UUID keyId, String tool, String outcome, long latencyMs,
                Instant startedAt) {
            return new Call(UUID.randomUUID(), organizationId, keyId, tool, outcome, latencyMs,
                    startedAt.truncatedTo(ChronoUnit.MILLIS));
        }

        public String errorType() {
            return switch (outcome) {
                case "SUCCESS" -> null;
                case "REFUSED" -> "entitlement";
                default -> "upstream";
            };
        }
    }

    /** The gateway's ToolInvoked of the call; arguments redacted as the gateway does. */
    public static String toolInvoked(Call call) {
        String event = toolInvokedUnchecked(call);
        EventContracts.assertValid(event);
        return event;
    }

    /** As {@link #toolInvoked} without the schema check, for volume (check one of them with {@link #toolInvoked}). */
    public static String toolInvokedUnchecked(Call call) {
        ObjectNode event = example("com.hostmcp.mcp.ToolInvoked.v1");
        envelope(event, call.organizationId(), call.startedAt().plusMillis(call.latencyMs()));
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("invocationId", call.invocationId().toString())
                .put("organizationId", call.organizationId().toString())
                .put("keyId", call.keyId().toString())
                .put("tool", call.tool())
                .put("outcome", call.outcome())
                .put("errorType", call.errorType())
                .put("errorMessage", call.errorType() == null ? null : "Hostaway answered 503.")
                .put("latencyMs", call.latencyMs())
                .put("hostawayCalls", "REFUSED".equals(call.outcome()) ? 0 : 1)
                .put("startedAt", call.startedAt().toString());
        if ("REFUSED".equals(call.outcome())) {
            data.putNull("hostawayStatus");
        }
        return event.toString();
    }

    public static String usageRecorded(Call call) {
        ObjectNode event = example("com.hostmcp.mcp.UsageRecorded.v1");
        envelope(event, call.organizationId(), call.startedAt().plusMillis(call.latencyMs()));
        ((ObjectNode) event.get("data")).put("invocationId", call.invocationId().toString())
                .put("organizationId", call.organizationId().toString())
                .put("keyId", call.keyId().toString())
                .put("tool", call.tool())
                .put("outcome", call.outcome())
                .put("latencyMs", call.latencyMs())
                .put("occurredAt", call.startedAt().toString());
        return valid(event);
    }

    /** Any domain event of the examples (e.g. com.hostmcp.tenant.MemberAdded.v1) for this organization. */
    public static String domainEvent(String type, UUID organizationId, Instant time) {
        ObjectNode event = example(type);
        envelope(event, organizationId, time);
        ((ObjectNode) event.get("data")).put("organizationId", organizationId.toString());
        return valid(event);
    }

    public static String listingCountSynced(UUID organizationId, int active, int total, Instant syncedAt) {
        ObjectNode event = example("com.hostmcp.sync.ListingCountSynced.v1");
        envelope(event, organizationId, syncedAt);
        ((ObjectNode) event.get("data")).put("organizationId", organizationId.toString())
                .put("runId", UUID.randomUUID().toString())
                .put("activeListings", active)
                .put("totalListings", total)
                .put("syncedAt", syncedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return valid(event);
    }

    /** The record as the producer sends it: keyed by organization; the gateway's carry a W3C traceparent. */
    public static ProducerRecord<String, String> record(String topic, UUID organizationId, String event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, organizationId.toString(), event);
        if (topic.startsWith("mcp.")) {
            record.headers().add("traceparent", traceparent(event).getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    /** A traceparent derived from the event's id, so that a test knows which trace id to expect. */
    public static String traceparent(String event) {
        return "00-" + traceId(event) + "-00f067aa0ba902b7-01";
    }

    public static String traceId(String event) {
        return id(event).replace("-", "");
    }

    public static String id(String event) {
        try {
            return MAPPER.readTree(event).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void envelope(ObjectNode event, UUID organizationId, Instant time) {
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", organizationId.toString());
        event.put("time", time.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    private static ObjectNode example(String type) {
        try (InputStream in = TestEvents.class.getResourceAsStream("/hostmcp-events/examples/" + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no example of " + type);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String valid(ObjectNode event) {
        String json = event.toString();
        EventContracts.assertValid(json);
        return json;
    }
}
