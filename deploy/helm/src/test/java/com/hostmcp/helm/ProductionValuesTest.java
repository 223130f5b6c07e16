package com.hostmcp.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** deploy/helm/values-production.yaml: Strimzi topics, ServiceMonitors, more replicas. */
class ProductionValuesTest {

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = Chart.renderProduction();
    }

    @Test
    void theRenderingKeepsEveryRuleOfTheChecker() {
        assertThat(new ManifestChecker(Contracts.compactedTopics()).violations(manifests)).isEmpty();
    }

    @Test
    void theStateTopicsOfTheContractAreTheThreeCompactedOnes() {
        // if the contract changes, the checker's notion of "state topic" changes with it: make that visible
        assertThat(Contracts.compactedTopics())
                .containsExactlyInAnyOrder("tenant.organizations.v1", "tenant.api-keys.v1", "billing.entitlements.v1");
    }

    @Test
    void everyTopicOfTheAsyncApiDocumentIsAKafkaTopicWithItsPartitionsReplicasAndConfig() {
        List<Contracts.Topic> contract = Contracts.asyncApiTopics();
        assertThat(contract).hasSize(10);
        for (Contracts.Topic topic : contract) {
            JsonNode resource = topic(topic.name());
            assertThat(resource.path("metadata").path("namespace").asText()).isEqualTo("kafka");
            assertThat(resource.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .isEqualTo("hostmcp");
            JsonNode spec = resource.path("spec");
            assertThat(spec.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
            assertThat(spec.path("replicas").asInt()).as(topic.name()).isEqualTo(topic.replicas());
            Map<String, String> config = new LinkedHashMap<>();
            spec.path("config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
            assertThat(config).as(topic.name()).containsAllEntriesOf(topic.config())
                    .containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void everyDeadLetterTopicTheConsumersUseHasAKafkaTopic() {
        Set<String> rendered = deadLetterTopics();

        assertThat(rendered)
                .as("dead-letter topics in the chart (kafkaTopics.topics.*.deadLetterConsumers) versus the services' "
                        + "mp.messaging.incoming.*.dead-letter-queue.topic")
                .containsAll(Contracts.deadLetterTopics());
    }

    @Test
    void deadLetterTopicsAreNamedAfterAContractTopicAndAServiceAndDeleteTheirRecords() {
        Set<String> names = new TreeSet<>();
        for (String dlq : deadLetterTopics()) {
            String withoutSuffix = dlq.substring(0, dlq.length() - ".dlq".length());
            String service = withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1);
            String source = withoutSuffix.substring(0, withoutSuffix.lastIndexOf('.'));
            assertThat(Contracts.SERVICES).as(dlq).contains(service);
            assertThat(Contracts.asyncApiTopics()).as(dlq).anyMatch(topic -> topic.name().equals(source));
            assertThat(topic(dlq).path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("delete");
            names.add(dlq);
        }
        assertThat(manifests.ofKind("KafkaTopic")).hasSize(10 + names.size());
    }

    private static Set<String> deadLetterTopics() {
        Set<String> names = new TreeSet<>();
        manifests.ofKind("KafkaTopic").forEach(topic -> {
            String name = topic.path("spec").path("topicName").asText();
            if (name.endsWith(".dlq")) {
                names.add(name);
            }
        });
        return names;
    }

    private static JsonNode topic(String name) {
        return manifests.ofKind("KafkaTopic").stream()
                .filter(topic -> name.equals(topic.path("spec").path("topicName").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + name));
    }

    @Test
    void everyServiceIsScrapedThroughAServiceMonitor() {
        assertThat(manifests.ofKind("ServiceMonitor")).hasSize(6);
        for (String service : Contracts.SERVICES) {
            JsonNode monitor = manifests.get("ServiceMonitor", Chart.RELEASE + "-" + service);
            assertThat(monitor.path("metadata").path("labels").path("release").asText())
                    .isEqualTo("kube-prometheus-stack");
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(endpoint.path("port").asText()).isEqualTo("http");
        }
    }

    @Test
    void imagesComeFromTheConfiguredRegistryWithThePinnedTag() {
        for (String service : Contracts.SERVICES) {
            JsonNode pod = manifests.get("Deployment", Chart.RELEASE + "-" + service).path("spec").path("template")
                    .path("spec");
            assertThat(pod.path("containers").get(0).path("image").asText())
                    .isEqualTo("registry.example.com/hostmcp/" + service + ":0.1.0");
            assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("registry-example-com");
        }
    }

    @Test
    void theGatewayScalesBetweenThreeAndTwelveAndKeepsTwoDuringDisruptions() {
        JsonNode hpa = manifests.get("HorizontalPodAutoscaler", Chart.RELEASE + "-mcp-gateway").path("spec");
        assertThat(hpa.path("minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(12);
        assertThat(hpa.path("metrics").get(0).path("resource").path("target").path("averageUtilization").asInt())
                .isEqualTo(65);
        assertThat(manifests.get("PodDisruptionBudget", Chart.RELEASE + "-mcp-gateway").path("spec")
                .path("minAvailable").asInt()).isEqualTo(2);
    }

    @Test
    void theGatewayAndTheDashboardTrustOnlyThePodNetworkAsProxies() {
        for (String service : List.of("mcp-gateway", "dashboard-api")) {
            assertThat(manifests.environment(Chart.RELEASE + "-" + service)).as(service)
                    .containsEntry("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.244.0.0/16");
        }
    }

    @Test
    void tenantServiceGetsItsSmtpLoginFromItsSecret() {
        JsonNode env = manifests.get("Deployment", Chart.RELEASE + "-tenant-service").path("spec").path("template")
                .path("spec").path("containers").get(0).path("env");
        Set<String> fromSmtpSecret = new TreeSet<>();
        env.forEach(variable -> {
            if ("hostmcp-smtp".equals(variable.path("valueFrom").path("secretKeyRef").path("name").asText())) {
                fromSmtpSecret.add(variable.path("name").asText());
            }
        });
        assertThat(fromSmtpSecret).containsExactly("QUARKUS_MAILER_PASSWORD", "QUARKUS_MAILER_USERNAME");
    }
}
