package com.hostmcp.testsupport.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.SchemaLoader;

/**
 * Checks Kafka record values against the HostMCP event contracts in {@code docs/events}.
 * <p>
 * The contracts (AsyncAPI document, one JSON Schema per event type, the CloudEvents envelope schema) are packaged in
 * this jar under the classpath folder {@value #CLASSPATH_ROOT}. The AsyncAPI document is the catalogue: an event type
 * is known when one of its channels has a message whose payload references {@code schemas/<type>.schema.json}.
 * <p>
 * Producers test what they publish:
 *
 * <pre>
 * EventContracts.assertValid(outboxRow.payload());
 * assertThat(EventContracts.violations(json)).isEmpty();
 * </pre>
 * <p>
 * Beyond the schema, one rule is checked here because JSON Schema cannot express it: the CloudEvents {@code subject}
 * equals {@code data.organizationId}.
 */
public final class EventContracts {

    /** Base URI of the schemas' {@code $id}s; relative {@code $ref}s between schema files resolve against it. */
    public static final String SCHEMA_BASE_URI = "https://schemas.hostmcp.com/events/";

    /** Classpath folder holding a copy of {@code docs/events}. */
    public static final String CLASSPATH_ROOT = "hostmcp-events/";

    static final String SCHEMAS_FOLDER = CLASSPATH_ROOT + "schemas/";
    static final String ASYNCAPI_RESOURCE = CLASSPATH_ROOT + "asyncapi.yaml";
    static final String ENVELOPE_SCHEMA = "cloudevent.schema.json";
    static final String SCHEMA_SUFFIX = ".schema.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /**
     * Every way {@code eventJson} breaks its contract; empty when it is valid. The schema is chosen by the event's
     * {@code type}; an unknown or missing type is a violation (the envelope is still checked).
     */
    public static List<String> violations(String eventJson) {
        if (eventJson == null) {
            return List.of("the value is null: a tombstone, not a CloudEvent (only tenant.api-keys.v1 uses tombstones)");
        }
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (JsonProcessingException e) {
            return List.of("not valid JSON: " + e.getOriginalMessage());
        }
        return violations(event);
    }

    /** As {@link #violations(String)}, for an event already parsed. */
    public static List<String> violations(JsonNode event) {
        if (event == null || event.isMissingNode() || event.isNull()) {
            return List.of("the value is null: a tombstone, not a CloudEvent (only tenant.api-keys.v1 uses tombstones)");
        }
        if (!event.isObject()) {
            return List
                    .of("$: a CloudEvent must be a JSON object, found " + event.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<String> violations = new ArrayList<>();
        JsonNode typeNode = event.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        JsonSchema schema;
        if (type != null && Catalogue.TOPICS.containsKey(type)) {
            try {
                schema = schemaForType(type);
            } catch (RuntimeException e) {
                return List.of("the schema of event type '" + type + "' could not be loaded: " + e.getMessage());
            }
        } else {
            violations.add(type == null
                    ? "$.type: missing or not a string, so no event schema applies (only the envelope was checked)"
                    : "$.type: unknown event type '" + type + "' (only the envelope was checked); known types: "
                            + knownTypes());
            schema = schema(ENVELOPE_SCHEMA);
        }
        for (ValidationMessage message : schema.validate(event)) {
            violations.add(message.getMessage());
        }
        JsonNode subject = event.get("subject");
        JsonNode data = event.get("data");
        JsonNode organizationId = data == null ? null : data.get("organizationId");
        if (subject != null && subject.isTextual() && organizationId != null && organizationId.isTextual()
                && !subject.asText().equals(organizationId.asText())) {
            violations.add("$.subject: must equal $.data.organizationId ('" + organizationId.asText() + "') but was '"
                    + subject.asText() + "'");
        }
        return List.copyOf(violations);
    }

    /**
     * Throws an {@link AssertionError} naming the event type and listing every violation unless {@code eventJson} is
     * a valid event.
     */
    public static void assertValid(String eventJson) {
        List<String> violations = violations(eventJson);
        if (violations.isEmpty()) {
            return;
        }
        throw new AssertionError(describe(typeOf(eventJson), violations, eventJson));
    }

    /** The event types of the contract, e.g. {@code com.hostmcp.tenant.OrganizationCreated.v1}, sorted. */
    public static Set<String> knownTypes() {
        return Catalogue.TYPES;
    }

    /** The Kafka topic an event type is published on, e.g. {@code tenant.events.v1}. */
    public static String topicOf(String type) {
        String topic = Catalogue.TOPICS.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("unknown event type '" + type + "'; known types: " + knownTypes());
        }
        return topic;
    }

    /** The {@code $id} of an event type's schema. */
    public static String schemaUri(String type) {
        return SCHEMA_BASE_URI + type + SCHEMA_SUFFIX;
    }

    static String describe(String type, List<String> violations, String eventJson) {
        StringBuilder message = new StringBuilder("Event of type '").append(type)
                .append("' violates its contract");
        if (type != null && Catalogue.TOPICS.containsKey(type)) {
            message.append(" (").append(schemaUri(type)).append(')');
        }
        message.append(':');
        for (String violation : violations) {
            message.append("\n  - ").append(violation);
        }
        return message.append("\nEvent: ").append(eventJson).toString();
    }

    private static String typeOf(String eventJson) {
        try {
            JsonNode type = JSON.readTree(eventJson).get("type");
            return type != null && type.isTextual() ? type.asText() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static JsonSchema schemaForType(String type) {
        return schema(type + SCHEMA_SUFFIX);
    }

    private static JsonSchema schema(String fileName) {
        return SCHEMAS.computeIfAbsent(fileName,
                f -> Validation.FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE_URI + f), Validation.CONFIG));
    }

    static InputStream openResource(String name) {
        ClassLoader own = EventContracts.class.getClassLoader();
        InputStream in = own == null ? null : own.getResourceAsStream(name);
        if (in == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            in = context == null ? null : context.getResourceAsStream(name);
        }
        return in;
    }

    /** The validator, built on first use. */
    private static final class Validation {

        /** Serves {@code classpath:hostmcp-events/...} from this jar, whatever the thread's context class loader. */
        private static final SchemaLoader CONTRACT_LOADER = iri -> {
            String uri = iri.toString();
            if (!uri.startsWith("classpath:" + CLASSPATH_ROOT)) {
                return null;
            }
            String resource = uri.substring("classpath:".length());
            return () -> {
                InputStream in = openResource(resource);
                if (in == null) {
                    throw new IOException("event contract not found on the classpath: " + resource);
                }
                return in;
            };
        };

        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder
                        .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_URI, "classpath:" + SCHEMAS_FOLDER))
                        .schemaLoaders(loaders -> loaders.add(CONTRACT_LOADER)));

        static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.LEGACY)
                .locale(Locale.ENGLISH)
                .build();
    }

    /** Event types and their topics, read from the AsyncAPI document on first use. */
    private static final class Catalogue {

        static final Map<String, String> TOPICS = load();
        static final Set<String> TYPES = Collections.unmodifiableSet(new TreeSet<>(TOPICS.keySet()));

        private static Map<String, String> load() {
            JsonNode asyncApi;
            try (InputStream in = openResource(ASYNCAPI_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The event contracts are not on the classpath (" + ASYNCAPI_RESOURCE
                            + "); they are packaged from docs/events by deploy/test-support");
                }
                asyncApi = new YAMLMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ASYNCAPI_RESOURCE, e);
            }
            Map<String, String> topics = new LinkedHashMap<>();
            for (Iterator<JsonNode> channels = asyncApi.path("channels").elements(); channels.hasNext();) {
                JsonNode channel = channels.next();
                String topic = channel.path("address").asText();
                for (Iterator<JsonNode> messages = channel.path("messages").elements(); messages.hasNext();) {
                    JsonNode message = resolve(asyncApi, messages.next());
                    String schemaRef = message.path("payload").path("schema").path("$ref").asText("");
                    String file = schemaRef.substring(schemaRef.lastIndexOf('/') + 1);
                    if (file.endsWith(SCHEMA_SUFFIX)) {
                        topics.putIfAbsent(file.substring(0, file.length() - SCHEMA_SUFFIX.length()), topic);
                    }
                }
            }
            return Collections.unmodifiableMap(topics);
        }

        private static JsonNode resolve(JsonNode document, JsonNode node) {
            String ref = node.path("$ref").asText("");
            return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
        }
    }
}
