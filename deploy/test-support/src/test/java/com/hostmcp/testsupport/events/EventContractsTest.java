package com.hostmcp.testsupport.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

class EventContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA_SUFFIX = ".schema.json";
    /** Schema files that are not event types. */
    private static final Set<String> SHARED_SCHEMAS = Set.of("cloudevent.schema.json", "common.schema.json");

    private static final String MEMBER_ADDED = "com.hostmcp.tenant.MemberAdded.v1";
    private static final String API_KEY_ISSUED = "com.hostmcp.tenant.ApiKeyIssued.v1";
    private static final String ORGANIZATION_UPDATED = "com.hostmcp.tenant.OrganizationUpdated.v1";
    private static final String TOOL_INVOKED = "com.hostmcp.mcp.ToolInvoked.v1";

    // ------------------------------------------------------------------ the documents are complete and consistent

    static Stream<String> examples() {
        return list(docs().resolve("examples")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsValid(String example) {
        String json = read(docs().resolve("examples").resolve(example));

        assertThat(EventContracts.violations(json)).as(example).isEmpty();
        assertThatCode(() -> EventContracts.assertValid(json)).doesNotThrowAnyException();
        assertThat(example).isEqualTo(parse(json).get("type").asText() + ".json");
    }

    @Test
    void everySchemaHasAnExampleAndEveryExampleHasASchema() {
        Set<String> schemaTypes = eventSchemaTypes();
        Set<String> exampleTypes = examples().map(f -> f.substring(0, f.length() - ".json".length()))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(schemaTypes).hasSize(24);
        assertThat(exampleTypes).isEqualTo(schemaTypes);
    }

    @Test
    void knownTypesAreTheEventSchemas() {
        assertThat(EventContracts.knownTypes()).isEqualTo(eventSchemaTypes());
        assertThat(EventContracts.knownTypes()).contains(
                "com.hostmcp.tenant.OrganizationUpdated.v1",
                "com.hostmcp.tenant.ApiKeyIssued.v1",
                "com.hostmcp.billing.EntitlementChanged.v1",
                "com.hostmcp.mcp.ToolInvoked.v1",
                "com.hostmcp.mcp.UsageRecorded.v1",
                "com.hostmcp.sync.SyncRequested.v1",
                "com.hostmcp.sync.ListingCountSynced.v1",
                "com.hostmcp.hostaway.HostawayCredentialsRejected.v1");
    }

    @Test
    void everySchemaIsNamedAfterItsTypeAndStrict() {
        for (String type : eventSchemaTypes()) {
            JsonNode schema = parse(read(docs().resolve("schemas").resolve(type + SCHEMA_SUFFIX)));
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(type).isEqualTo(EventContracts.schemaUri(type));
            assertThat(schema.at("/properties/type/const").asText()).as(type).isEqualTo(type);
            assertThat(schema.at("/allOf/0/$ref").asText()).as(type).isEqualTo("cloudevent.schema.json");
            JsonNode data = schema.at("/properties/data");
            assertThat(data.path("additionalProperties").isBoolean() && !data.path("additionalProperties").asBoolean())
                    .as(type + ": data must set additionalProperties: false").isTrue();
            Set<String> properties = fieldNames(data.path("properties"));
            Set<String> required = new TreeSet<>();
            data.path("required").forEach(r -> required.add(r.asText()));
            assertThat(required).as(type + ": every data field is required (absent values are explicit nulls)")
                    .isEqualTo(properties);
            assertThat(properties).as(type).contains("organizationId");
        }
        JsonNode envelope = parse(read(docs().resolve("schemas/cloudevent.schema.json")));
        assertThat(envelope.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void exampleIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        examples().forEach(f -> assertThat(ids.add(parse(read(docs().resolve("examples").resolve(f))).get("id").asText()))
                .as(f).isTrue());
    }

    @Test
    void asyncApiReferencesEverySchemaFileAndEveryReferenceResolves() {
        JsonNode asyncApi = asyncApi();
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");

        List<String> refs = new ArrayList<>();
        collectRefs(asyncApi, refs);
        Set<String> referencedFiles = new TreeSet<>();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertThat(asyncApi.at(ref.substring(1)).isMissingNode()).as("unresolved " + ref).isFalse();
            } else {
                assertThat(ref).startsWith("./schemas/");
                assertThat(docs().resolve(ref)).as(ref).isRegularFile();
                referencedFiles.add(ref.substring("./schemas/".length()));
            }
        }
        Set<String> expected = eventSchemaTypes().stream().map(t -> t + SCHEMA_SUFFIX)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(referencedFiles).isEqualTo(expected);
    }

    @Test
    void asyncApiDescribesEveryTopicWithKeyPolicyProducersAndConsumers() {
        JsonNode asyncApi = asyncApi();
        Map<String, String> cleanupPolicies = new TreeMap<>();
        Map<String, Set<String>> senders = new TreeMap<>();
        Map<String, Set<String>> receivers = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = asyncApi.path("operations").fields(); ops.hasNext();) {
            JsonNode op = ops.next().getValue();
            String channel = op.at("/channel/$ref").asText().substring("#/channels/".length());
            Map<String, Set<String>> target = op.path("action").asText().equals("send") ? senders : receivers;
            assertThat(op.path("x-service").asText()).isNotBlank();
            target.computeIfAbsent(channel, c -> new TreeSet<>()).add(op.path("x-service").asText());
            for (JsonNode message : op.path("messages")) {
                assertThat(message.path("$ref").asText()).startsWith("#/channels/" + channel + "/messages/");
            }
        }

        for (Iterator<Map.Entry<String, JsonNode>> it = asyncApi.path("channels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode channel = entry.getValue();
            String topic = channel.path("address").asText();
            JsonNode kafka = channel.at("/bindings/kafka");
            assertThat(kafka.path("topic").asText()).isEqualTo(topic);
            assertThat(kafka.path("partitions").asInt()).as(topic).isPositive();
            cleanupPolicies.put(topic, kafka.at("/topicConfiguration/cleanup.policy/0").asText());
            assertThat(senders.get(entry.getKey())).as(topic + " senders").isNotEmpty();
            assertThat(receivers.get(entry.getKey())).as(topic + " receivers").isNotEmpty();

            for (JsonNode ref : channel.path("messages")) {
                JsonNode message = asyncApi.at(ref.path("$ref").asText().substring(1));
                assertThat(message.at("/bindings/kafka/key/type").asText()).as(topic).isEqualTo("string");
                assertThat(message.at("/bindings/kafka/key/description").asText()).as(topic).isNotBlank();
                String schemaRef = message.at("/payload/schema/$ref").asText();
                if (schemaRef.isEmpty()) {
                    assertThat(topic).as("only the api-key topic has tombstones").isEqualTo("tenant.api-keys.v1");
                    continue;
                }
                String type = schemaRef.substring("./schemas/".length(), schemaRef.length() - SCHEMA_SUFFIX.length());
                assertThat(message.path("name").asText()).isEqualTo(type);
                assertThat(EventContracts.topicOf(type)).isEqualTo(topic);
                // the schema's allowed sources are exactly the services that send on the channel
                JsonNode source = parse(read(docs().resolve(schemaRef))).at("/properties/source");
                Set<String> sources = new TreeSet<>();
                if (source.has("const")) {
                    sources.add(source.get("const").asText());
                } else {
                    source.path("enum").forEach(s -> sources.add(s.asText()));
                }
                assertThat(sources).as(type).isEqualTo(senders.get(entry.getKey()).stream().map(s -> "/" + s)
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }

        assertThat(cleanupPolicies).isEqualTo(Map.of(
                "tenant.organizations.v1", "compact",
                "tenant.api-keys.v1", "compact",
                "tenant.events.v1", "delete",
                "billing.entitlements.v1", "compact",
                "billing.events.v1", "delete",
                "mcp.tool-invocations.v1", "delete",
                "mcp.usage.v1", "delete",
                "sync.requests.v1", "delete",
                "sync.listing-counts.v1", "delete",
                "hostaway.credential-failures.v1", "delete"));
        assertThat(asyncApi.at("/components/messages/ApiKeyIssued/bindings/kafka/key/pattern").asText())
                .isEqualTo("^[0-9a-f]{64}$");
    }

    @Test
    void readmeListsEveryTypeAndTopic() {
        String readme = read(docs().resolve("README.md"));
        for (String type : EventContracts.knownTypes()) {
            assertThat(readme).as("README lists " + type).contains("`" + type + "`");
            assertThat(readme).as("README lists the topic of " + type).contains("`" + EventContracts.topicOf(type) + "`");
        }
    }

    @Test
    void topicOfNamesTheTopic() {
        assertThat(EventContracts.topicOf(MEMBER_ADDED)).isEqualTo("tenant.events.v1");
        assertThat(EventContracts.topicOf(API_KEY_ISSUED)).isEqualTo("tenant.api-keys.v1");
        assertThat(EventContracts.topicOf("com.hostmcp.hostaway.HostawayCredentialsRejected.v1"))
                .isEqualTo("hostaway.credential-failures.v1");
        assertThatThrownBy(() -> EventContracts.topicOf("com.hostmcp.tenant.Nope.v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown event type");
    }

    // ------------------------------------------------------------------ invalid events are rejected, with a reason

    @Test
    void missingIdIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.remove("id"), "id");
    }

    @Test
    void idThatIsNotAUuidIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("id", "evt-1"), "$.id");
    }

    @Test
    void wrongSpecVersionIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("specversion", "0.3"), "$.specversion");
    }

    @Test
    void subjectThatIsNotAUuidIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("subject", "org-42"), "$.subject");
    }

    @Test
    void subjectThatIsNotTheOrganizationIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("subject", "00000000-0000-4000-8000-000000000000"),
                "must equal $.data.organizationId");
    }

    @Test
    void timeThatIsNotUtcIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("time", "2025-03-01T09:15:30+01:00"), "$.time");
    }

    @Test
    void invalidDateIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("time", "2025-02-30T09:15:30Z"), "$.time");
    }

    @Test
    void wrongSourceIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("source", "/billing-service"), "$.source");
    }

    @Test
    void unknownEnvelopeAttributeIsRejected() {
        assertRejected(MEMBER_ADDED, e -> e.put("traceparent", "00-abc"), "traceparent");
    }

    @Test
    void missingRequiredDataFieldIsRejected() {
        assertRejected(MEMBER_ADDED, e -> data(e).remove("email"), "email");
    }

    @Test
    void explicitNullIsNotAnAbsentFieldButNullableFieldsAcceptIt() {
        assertRejected(MEMBER_ADDED, e -> data(e).putNull("email"), "$.data.email");
        String event = mutate(API_KEY_ISSUED, e -> data(e).putNull("name"));
        assertThat(EventContracts.violations(event)).isEmpty();
    }

    @Test
    void extraDataFieldIsRejected() {
        assertRejected(MEMBER_ADDED, e -> data(e).put("nickname", "Ana"), "nickname");
    }

    @Test
    void wrongEnumValueIsRejected() {
        assertRejected(MEMBER_ADDED, e -> data(e).put("role", "SUPERUSER"), "$.data.role");
    }

    @Test
    void wrongFieldTypeIsRejected() {
        assertRejected("com.hostmcp.sync.ListingCountSynced.v1", e -> data(e).put("activeListings", "14"),
                "$.data.activeListings");
        assertRejected("com.hostmcp.sync.ListingCountSynced.v1", e -> data(e).put("activeListings", -1),
                "$.data.activeListings");
    }

    @Test
    void keyHashThatIsNot64LowercaseHexIsRejected() {
        assertRejected(API_KEY_ISSUED, e -> data(e).put("keyHash", "abc123"), "$.data.keyHash");
        assertRejected(API_KEY_ISSUED,
                e -> data(e).put("keyHash", data(e).get("keyHash").asText().toUpperCase(java.util.Locale.ROOT)),
                "$.data.keyHash");
    }

    @Test
    void accountIdThatIsNotDigitsIsRejected() {
        assertRejected("com.hostmcp.tenant.HostawayCredentialsConnected.v1", e -> data(e).put("accountId", "acc-41235"),
                "$.data.accountId");
    }

    @Test
    void currencyMustBeLowercaseIso() {
        assertRejected("com.hostmcp.billing.PaymentSucceeded.v1", e -> data(e).put("currency", "USD"), "$.data.currency");
    }

    @Test
    void connectedOrganizationNeedsItsEncryptedCredentials() {
        assertRejected(ORGANIZATION_UPDATED, e -> ((ObjectNode) data(e).get("hostaway")).putNull("encryptedCredentials"),
                "encryptedCredentials");
    }

    @Test
    void notConnectedOrganizationCarriesNoCredentials() {
        String valid = mutate(ORGANIZATION_UPDATED, e -> {
            ObjectNode hostaway = (ObjectNode) data(e).get("hostaway");
            hostaway.put("status", "NOT_CONNECTED");
            hostaway.putNull("accountId");
            hostaway.putNull("encryptedCredentials");
            hostaway.putNull("connectedAt");
        });
        assertThat(EventContracts.violations(valid)).isEmpty();
        assertRejected(ORGANIZATION_UPDATED, e -> ((ObjectNode) data(e).get("hostaway")).put("status", "NOT_CONNECTED"),
                "accountId");
    }

    @Test
    void successfulToolCallHasNoErrorAndFailedOneHasAnErrorType() {
        assertRejected(TOOL_INVOKED, e -> data(e).put("errorType", "upstream"), "$.data.errorType");
        assertRejected(TOOL_INVOKED, e -> data(e).put("outcome", "ERROR"), "$.data.errorType");
        String failed = mutate(TOOL_INVOKED, e -> data(e).put("outcome", "ERROR").put("errorType", "upstream")
                .put("errorMessage", "Hostaway answered 503; retry in a minute"));
        assertThat(EventContracts.violations(failed)).isEmpty();
    }

    @Test
    void unknownTypeIsRejected() {
        List<String> violations = EventContracts.violations(mutate(MEMBER_ADDED,
                e -> e.put("type", "com.hostmcp.tenant.MemberPromoted.v1")));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("unknown event type")
                .contains("com.hostmcp.tenant.MemberPromoted.v1"));
    }

    @Test
    void missingTypeIsRejectedAndTheEnvelopeStillChecked() {
        List<String> violations = EventContracts.violations(mutate(MEMBER_ADDED, e -> {
            e.remove("type");
            e.put("specversion", "1.1");
        }));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("$.type"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("$.specversion"));
    }

    @Test
    void tombstonesAndNonObjectsAreNotEvents() {
        assertThat(EventContracts.violations((String) null)).singleElement().asString().contains("tombstone");
        assertThat(EventContracts.violations("null")).singleElement().asString().contains("tombstone");
        assertThat(EventContracts.violations("[1,2]")).singleElement().asString().contains("JSON object");
        assertThat(EventContracts.violations("{\"id\":")).singleElement().asString().contains("not valid JSON");
        assertThat(EventContracts.violations("{\"id\":\"a\",\"id\":\"b\"}")).singleElement().asString()
                .contains("Duplicate field");
    }

    @Test
    void assertValidNamesTheTypeAndEveryViolation() {
        String event = mutate(MEMBER_ADDED, e -> {
            data(e).put("role", "SUPERUSER");
            data(e).remove("email");
        });
        assertThatThrownBy(() -> EventContracts.assertValid(event))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(MEMBER_ADDED)
                .hasMessageContaining(EventContracts.schemaUri(MEMBER_ADDED))
                .hasMessageContaining("$.data.role")
                .hasMessageContaining("email");
        assertThatThrownBy(() -> EventContracts.assertValid("null")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("tombstone");
    }

    @Test
    void violationsAcceptAParsedEvent() {
        JsonNode event = parse(example(MEMBER_ADDED));
        assertThat(EventContracts.violations(event)).isEmpty();
        ((ObjectNode) event.get("data")).remove("memberId");
        assertThat(EventContracts.violations(event)).anySatisfy(v -> assertThat(v).contains("memberId"));
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRejected(String type, Consumer<ObjectNode> change, String expectedInMessage) {
        String event = mutate(type, change);
        List<String> violations = EventContracts.violations(event);
        assertThat(violations).as("violations of a broken %s", type)
                .anySatisfy(v -> assertThat(v).contains(expectedInMessage));
        assertThatThrownBy(() -> EventContracts.assertValid(event)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(expectedInMessage);
    }

    private static String mutate(String type, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) parse(example(type));
        change.accept(event);
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static String example(String type) {
        return read(docs().resolve("examples").resolve(type + ".json"));
    }

    private static Set<String> eventSchemaTypes() {
        return list(docs().resolve("schemas")).stream()
                .filter(f -> f.endsWith(SCHEMA_SUFFIX) && !SHARED_SCHEMAS.contains(f))
                .map(f -> f.substring(0, f.length() - SCHEMA_SUFFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode asyncApi() {
        try {
            return new YAMLMapper().readTree(docs().resolve("asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The copy of docs/events on the test classpath (target/classes/hostmcp-events). */
    private static Path docs() {
        URL url = EventContractsTest.class.getClassLoader().getResource(EventContracts.ASYNCAPI_RESOURCE);
        assertThat(url).as("docs/events must be packaged under hostmcp-events/").isNotNull();
        assertThat(url.getProtocol()).isEqualTo("file");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
