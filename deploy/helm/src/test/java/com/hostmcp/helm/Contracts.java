package com.hostmcp.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the rest of the repository says the chart must match: the topics of docs/events/asyncapi.yaml and the
 * services' own application.properties (read, never changed).
 */
final class Contracts {

    /** The chart's services, by their directory (= name). */
    static final List<String> SERVICES = List.of("mcp-gateway", "dashboard-api", "tenant-service", "billing-service",
            "sync-service", "audit-service");

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern DEAD_LETTER_TOPIC = Pattern.compile("^[^#%].*\\.dead-letter-queue\\.topic=(.+)$");

    private Contracts() {
    }

    /** One Kafka topic as the AsyncAPI document describes it. */
    record Topic(String name, int partitions, int replicas, Map<String, String> config) {

        boolean compacted() {
            return "compact".equals(config.get("cleanup.policy"));
        }
    }

    static List<Topic> asyncApiTopics() {
        JsonNode document = readYaml(Chart.ROOT.resolve("docs/events/asyncapi.yaml"));
        List<Topic> topics = new ArrayList<>();
        document.path("channels").forEach(channel -> {
            JsonNode kafka = channel.path("bindings").path("kafka");
            Map<String, String> config = new LinkedHashMap<>();
            kafka.path("topicConfiguration").fields().forEachRemaining(entry -> {
                JsonNode value = entry.getValue();
                if (value.isArray()) {
                    List<String> parts = new ArrayList<>();
                    value.forEach(part -> parts.add(part.asText()));
                    config.put(entry.getKey(), String.join(",", parts));
                } else {
                    config.put(entry.getKey(), value.asText());
                }
            });
            topics.add(new Topic(channel.path("address").asText(), kafka.path("partitions").asInt(),
                    kafka.path("replicas").asInt(), config));
        });
        return topics;
    }

    static Set<String> compactedTopics() {
        Set<String> names = new TreeSet<>();
        asyncApiTopics().stream().filter(Topic::compacted).forEach(topic -> names.add(topic.name()));
        return names;
    }

    /** The dead-letter topics the services' consumers are configured with (failure-strategy=dead-letter-queue). */
    static Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            for (String line : applicationProperties(service)) {
                Matcher matcher = DEAD_LETTER_TOPIC.matcher(line.strip());
                if (matcher.matches()) {
                    topics.add(matcher.group(1).strip());
                }
            }
        }
        return topics;
    }

    /** The environment variables a service's application.properties reads outside the test profile. */
    static Set<String> environmentVariables(String service) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : applicationProperties(service)) {
            if (line.startsWith("#") || line.startsWith("%test.") || line.startsWith("%dev.")) {
                continue;
            }
            Matcher matcher = ENV_PLACEHOLDER.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static List<String> applicationProperties(String service) {
        try {
            return Files.readAllLines(Chart.ROOT.resolve(service).resolve("src/main/resources/application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return Manifests.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
