package com.hostmcp.helm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules every rendering of the chart must keep, whatever the values: each broken rule is one line of the result,
 * naming the object. Used on the default and the production-like values, and on deliberately broken overrides to
 * show that each rule does catch its mistake.
 */
final class ManifestChecker {

    static final String COMPONENT = "app.kubernetes.io/component";
    static final String AFFINITY_ANNOTATION = "nginx.ingress.kubernetes.io/upstream-hash-by";
    /** Environment and ConfigMap names that hold secrets (the chart's hostmcp.secretNamePattern says the same). */
    static final Pattern SECRET_NAME = Pattern
            .compile("(?i)(PASSWORD|SECRET|API_?KEY|KEYSET|JAAS|TOKEN|PRIVATE_?KEY|CREDENTIAL)");
    /** Values that are secrets whatever their name: Stripe keys, webhook secrets, our API keys, a Tink keyset. */
    static final Pattern SECRET_VALUE = Pattern
            .compile("(sk|rk)_(live|test)_\\w+|whsec_\\w+|hmcp_[0-9A-Za-z]{28}|\"?primaryKeyId\"?\\s*:");
    /** The services reachable from outside: each needs an HPA and a PDB. */
    static final Set<String> PUBLIC_SERVICES = Set.of("mcp-gateway", "dashboard-api");

    private final Set<String> compactedTopics;

    /** @param compactedTopics the state topics, which must be compacted (docs/events/asyncapi.yaml) */
    ManifestChecker(Set<String> compactedTopics) {
        this.compactedTopics = Set.copyOf(compactedTopics);
    }

    List<String> violations(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        for (JsonNode deployment : manifests.ofKind("Deployment")) {
            checkDeployment(deployment, violations);
            checkNetworkPolicy(deployment, manifests, violations);
            String component = podLabels(deployment).path(COMPONENT).asText();
            if (PUBLIC_SERVICES.contains(component)) {
                checkScaling(deployment, manifests, violations);
            }
            if ("mcp-gateway".equals(component)) {
                checkGatewayIngress(deployment, manifests, violations);
            }
        }
        for (JsonNode configMap : manifests.ofKind("ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(entry -> {
                if (isSecretName(entry.getKey())) {
                    violations.add(Manifests.describe(configMap) + ": " + entry.getKey()
                            + " is a secret in a ConfigMap (reference a Secret instead)");
                } else if (SECRET_VALUE.matcher(entry.getValue().asText()).find()) {
                    violations.add(Manifests.describe(configMap) + ": " + entry.getKey() + " holds a secret value");
                }
            });
        }
        for (JsonNode secret : manifests.ofKind("Secret")) {
            violations.add(Manifests.describe(secret)
                    + ": the chart must not render Secrets (secrets are referenced by existingSecret)");
        }
        for (JsonNode topic : manifests.ofKind("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(Manifests.name(topic));
            String policy = topic.path("spec").path("config").path("cleanup.policy").asText();
            if (compactedTopics.contains(name) && !"compact".equals(policy)) {
                violations.add(Manifests.describe(topic) + ": state topic " + name
                        + " must have cleanup.policy compact, not '" + policy + "'");
            }
        }
        return violations;
    }

    private void checkDeployment(JsonNode deployment, List<String> violations) {
        String where = Manifests.describe(deployment);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode podSecurity = pod.path("securityContext");
        Set<String> tmpVolumes = emptyDirVolumes(pod);
        for (JsonNode container : pod.path("containers")) {
            String at = where + " container " + container.path("name").asText();
            checkProbe(container, "livenessProbe", "/q/health/live", at, violations);
            checkProbe(container, "readinessProbe", "/q/health/ready", at, violations);
            if (container.has("startupProbe")
                    && !container.path("startupProbe").path("httpGet").path("path").asText().startsWith("/q/health")) {
                violations.add(at + ": startupProbe is not on /q/health");
            }
            JsonNode resources = container.path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (resources.path(bound).path(resource).asText().isEmpty()) {
                        violations.add(at + ": no resources." + bound + "." + resource);
                    }
                }
            }
            JsonNode security = container.path("securityContext");
            if (!effective(security, podSecurity, "runAsNonRoot").asBoolean(false)) {
                violations.add(at + ": runAsNonRoot is not true");
            }
            if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                violations.add(at + ": readOnlyRootFilesystem is not true");
            }
            if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                violations.add(at + ": allowPrivilegeEscalation is not false");
            }
            if (!contains(security.path("capabilities").path("drop"), "ALL")) {
                violations.add(at + ": capabilities do not drop ALL");
            }
            if (!"RuntimeDefault".equals(effective(security, podSecurity, "seccompProfile").path("type").asText())) {
                violations.add(at + ": seccompProfile is not RuntimeDefault");
            }
            boolean writableTmp = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                writableTmp |= "/tmp".equals(mount.path("mountPath").asText())
                        && tmpVolumes.contains(mount.path("name").asText());
            }
            if (!writableTmp) {
                violations.add(at + ": no emptyDir at /tmp (the JVM needs it on a read-only root filesystem)");
            }
            String image = container.path("image").asText();
            if (!image.matches(".+:[^/:]+$") || image.endsWith(":latest")) {
                violations.add(at + ": image " + image + " has no pinned tag");
            }
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                if (env.has("value") && (isSecretName(name) || SECRET_VALUE.matcher(env.path("value").asText()).find())) {
                    violations.add(at + ": " + name + " is an inlined secret (use valueFrom.secretKeyRef)");
                } else if (isSecretName(name) && !env.path("valueFrom").has("secretKeyRef")) {
                    violations.add(at + ": " + name + " does not come from a secretKeyRef");
                }
            }
        }
    }

    private static void checkProbe(JsonNode container, String probe, String path, String at, List<String> violations) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        if (httpGet.isMissingNode()) {
            violations.add(at + ": no " + probe);
        } else if (!path.equals(httpGet.path("path").asText())) {
            violations.add(at + ": " + probe + " is on " + httpGet.path("path").asText() + ", not " + path);
        }
    }

    private static void checkNetworkPolicy(JsonNode deployment, Manifests manifests, List<String> violations) {
        JsonNode labels = podLabels(deployment);
        boolean covered = manifests.ofKind("NetworkPolicy").stream()
                .anyMatch(policy -> contains(policy.path("spec").path("policyTypes"), "Ingress")
                        && selects(policy.path("spec").path("podSelector").path("matchLabels"), labels));
        if (!covered) {
            violations.add(Manifests.describe(deployment) + ": no NetworkPolicy restricts traffic to its pods");
        }
    }

    private static void checkScaling(JsonNode deployment, Manifests manifests, List<String> violations) {
        String name = Manifests.name(deployment);
        boolean hpa = manifests.ofKind("HorizontalPodAutoscaler").stream()
                .anyMatch(h -> name.equals(h.path("spec").path("scaleTargetRef").path("name").asText()));
        if (!hpa) {
            violations.add(Manifests.describe(deployment) + ": no HorizontalPodAutoscaler");
        }
        boolean pdb = manifests.ofKind("PodDisruptionBudget").stream()
                .anyMatch(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels(deployment)));
        if (!pdb) {
            violations.add(Manifests.describe(deployment) + ": no PodDisruptionBudget");
        }
    }

    private static void checkGatewayIngress(JsonNode deployment, Manifests manifests, List<String> violations) {
        String service = Manifests.name(deployment);
        List<JsonNode> ingresses = manifests.ofKind("Ingress").stream().filter(i -> backends(i).contains(service))
                .toList();
        if (ingresses.isEmpty()) {
            violations.add(Manifests.describe(deployment) + ": no Ingress routes to the MCP gateway");
        }
        for (JsonNode ingress : ingresses) {
            if (ingress.path("metadata").path("annotations").path(AFFINITY_ANNOTATION).asText().isBlank()) {
                violations.add(Manifests.describe(ingress) + ": no MCP session affinity (" + AFFINITY_ANNOTATION + ")");
            }
        }
    }

    static List<String> backends(JsonNode ingress) {
        List<String> services = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                services.add(path.path("backend").path("service").path("name").asText());
            }
        }
        return services;
    }

    static JsonNode podLabels(JsonNode deployment) {
        return deployment.path("spec").path("template").path("metadata").path("labels");
    }

    /** Whether a matchLabels selector (non-empty) selects pods with these labels. */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSecretName(String name) {
        // a *_FILE variable names the file that holds the secret (e.g. TINK_KEYSET_FILE), not the secret
        return SECRET_NAME.matcher(name).find() && !name.endsWith("_FILE");
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    private static Set<String> emptyDirVolumes(JsonNode pod) {
        Set<String> names = new HashSet<>();
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("emptyDir")) {
                names.add(volume.path("name").asText());
            }
        }
        return names;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
