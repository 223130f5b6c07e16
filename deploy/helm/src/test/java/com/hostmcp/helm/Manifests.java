package com.hostmcp.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/** The Kubernetes objects of one {@code helm template} run, parsed. */
record Manifests(List<JsonNode> objects) {

    private static final YAMLFactory YAML = new YAMLFactory();
    static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    static Manifests parse(String multiDocumentYaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = YAML.createParser(multiDocumentYaml)) {
            MappingIterator<JsonNode> documents = MAPPER.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                // "---" followed only by a comment (a template that rendered nothing) is an empty document
                if (document != null && document.isObject() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template produced YAML that does not parse", e);
        }
        return new Manifests(List.copyOf(objects));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " was rendered"));
    }

    /**
     * The environment of a Deployment's first container as the pod sees it: the ConfigMaps of its {@code envFrom},
     * then its {@code env} (literal values as they are, secret references as {@code secret:<name>/<key>}).
     */
    Map<String, String> environment(String deployment) {
        JsonNode container = get("Deployment", deployment).path("spec").path("template").path("spec")
                .path("containers").get(0);
        Map<String, String> environment = new TreeMap<>();
        container.path("envFrom").forEach(source -> get("ConfigMap", source.path("configMapRef").path("name").asText())
                .path("data").fields().forEachRemaining(entry -> environment.put(entry.getKey(),
                        entry.getValue().asText())));
        container.path("env").forEach(env -> {
            JsonNode secret = env.path("valueFrom").path("secretKeyRef");
            environment.put(env.path("name").asText(), secret.isMissingNode() ? env.path("value").asText()
                    : "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
        });
        return environment;
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + name(object);
    }
}
