package com.hostmcp.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class DefaultValuesTest {

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = Chart.renderDefaults();
    }

    private static String object(String service) {
        return Chart.RELEASE + "-" + service;
    }

    private static JsonNode container(String service) {
        return manifests.get("Deployment", object(service)).path("spec").path("template").path("spec")
                .path("containers").get(0);
    }

    @Test
    void theRenderingKeepsEveryRuleOfTheChecker() {
        assertThat(new ManifestChecker(Contracts.compactedTopics()).violations(manifests)).isEmpty();
    }

    @Test
    void everyServiceHasADeploymentServiceConfigMapAndNetworkPolicy() {
        for (String service : Contracts.SERVICES) {
            for (String kind : List.of("Deployment", "Service", "ConfigMap", "NetworkPolicy")) {
                assertThat(manifests.find(kind, object(service))).as("%s of %s", kind, service).isPresent();
            }
        }
        assertThat(manifests.ofKind("Deployment")).hasSize(6);
    }

    @Test
    void onlyTheGatewayAndDashboardApiAutoscaleAndHaveDisruptionBudgets() {
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).map(Manifests::name)
                .containsExactlyInAnyOrder(object("mcp-gateway"), object("dashboard-api"));
        assertThat(manifests.ofKind("PodDisruptionBudget")).map(Manifests::name)
                .containsExactlyInAnyOrder(object("mcp-gateway"), object("dashboard-api"));
        // the HPA owns the replica count
        assertThat(manifests.get("Deployment", object("mcp-gateway")).path("spec").has("replicas")).isFalse();
        assertThat(manifests.get("Deployment", object("sync-service")).path("spec").path("replicas").asInt())
                .isEqualTo(1);
    }

    @Test
    void containersListenOnEachServicesOwnPort() throws IOException {
        for (String service : Contracts.SERVICES) {
            String port = Files.readAllLines(Chart.ROOT.resolve(service + "/src/main/resources/application.properties"))
                    .stream().filter(line -> line.startsWith("quarkus.http.port=")).findFirst().orElseThrow()
                    .substring("quarkus.http.port=".length());
            assertThat(container(service).path("ports").get(0).path("containerPort").asText()).as(service)
                    .isEqualTo(port);
            assertThat(manifests.get("Service", object(service)).path("spec").path("ports").get(0).path("port")
                    .asText()).as(service).isEqualTo(port);
            assertThat(manifests.get("Deployment", object(service)).path("spec").path("template").path("metadata")
                    .path("annotations").path("prometheus.io/port").asText()).as(service).isEqualTo(port);
        }
    }

    @Test
    void everyEnvironmentVariableAServiceReadsIsProvided() {
        for (String service : Contracts.SERVICES) {
            Set<String> provided = new TreeSet<>();
            manifests.get("ConfigMap", object(service)).path("data").fieldNames().forEachRemaining(provided::add);
            container(service).path("env").forEach(env -> provided.add(env.path("name").asText()));

            Set<String> missing = new TreeSet<>(Contracts.environmentVariables(service));
            missing.removeAll(provided);
            // the keyset comes as a file (TINK_KEYSET_FILE); TINK_KEYSET is its alternative and must stay unset
            missing.remove("TINK_KEYSET");

            assertThat(missing).as("environment variables %s reads but the chart does not set", service).isEmpty();
        }
    }

    @Test
    void secretsComeFromTheNamedSecretsOnly() {
        Map<String, Set<String>> references = Map.of(
                "mcp-gateway", Set.of("GATEWAY_CURSOR_SECRET=hostmcp-gateway/cursor-secret"),
                "dashboard-api", Set.of("OIDC_CLIENT_SECRET=hostmcp-oidc-dashboard/client-secret",
                        "OIDC_SERVICE_CLIENT_SECRET=hostmcp-oidc-dashboard/service-client-secret",
                        "OIDC_SESSION_SECRET=hostmcp-oidc-dashboard/session-secret"),
                "tenant-service", Set.of("DB_USER=hostmcp-db-app/username", "DB_PASSWORD=hostmcp-db-app/password"),
                "billing-service", Set.of("DB_USER=hostmcp-db-app/username", "DB_PASSWORD=hostmcp-db-app/password",
                        "STRIPE_API_KEY=hostmcp-stripe/api-key", "STRIPE_WEBHOOK_SECRET=hostmcp-stripe/webhook-secret"),
                "sync-service", Set.of("DB_USER=hostmcp-db-app/username", "DB_PASSWORD=hostmcp-db-app/password"),
                "audit-service", Set.of("DB_USER=hostmcp-db-app/username", "DB_PASSWORD=hostmcp-db-app/password"));
        for (String service : Contracts.SERVICES) {
            Set<String> actual = new TreeSet<>();
            container(service).path("env").forEach(env -> {
                JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                actual.add(env.path("name").asText() + "=" + ref.path("name").asText() + "/" + ref.path("key").asText());
            });
            assertThat(actual).as(service).containsExactlyInAnyOrderElementsOf(references.get(service));
        }
        assertThat(manifests.ofKind("Secret")).isEmpty();
    }

    @Test
    void theTinkKeysetIsMountedReadOnlyIntoTheServicesThatDecryptHostawaySecrets() {
        for (String service : Contracts.SERVICES) {
            JsonNode pod = manifests.get("Deployment", object(service)).path("spec").path("template").path("spec");
            List<JsonNode> keysetVolumes = new ArrayList<>();
            pod.path("volumes").forEach(volume -> {
                if ("hostmcp-tink-keyset".equals(volume.path("secret").path("secretName").asText())) {
                    keysetVolumes.add(volume);
                }
            });
            boolean decrypts = Set.of("tenant-service", "sync-service", "mcp-gateway").contains(service);
            assertThat(keysetVolumes).as(service).hasSize(decrypts ? 1 : 0);
            JsonNode config = manifests.get("ConfigMap", object(service)).path("data");
            if (decrypts) {
                assertThat(keysetVolumes.get(0).path("secret").path("items").get(0).path("key").asText())
                        .isEqualTo("keyset.json");
                assertThat(config.path("TINK_KEYSET_FILE").asText()).isEqualTo("/etc/hostmcp/tink/keyset.json");
                JsonNode mount = container(service).path("volumeMounts").get(1);
                assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/hostmcp/tink");
                assertThat(mount.path("readOnly").asBoolean()).isTrue();
            } else {
                assertThat(config.has("TINK_KEYSET_FILE")).as(service).isFalse();
            }
        }
    }

    @Test
    void fromOutsideOnlyTheIngressControllerReachesTheGatewayTheDashboardAndTheBillingWebhook() {
        for (String service : Contracts.SERVICES) {
            List<String> peers = new ArrayList<>();
            manifests.get("NetworkPolicy", object(service)).path("spec").path("ingress").forEach(rule -> rule
                    .path("from").forEach(peer -> peers.add(peer(peer))));
            List<String> expected = switch (service) {
                case "mcp-gateway", "dashboard-api" -> List.of("ingress-controller", "prometheus");
                case "billing-service" -> List.of("ingress-controller", "dashboard-api", "prometheus");
                default -> List.of("dashboard-api", "prometheus");
            };
            assertThat(peers).as(service).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String peer(JsonNode peer) {
        String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                .asText();
        if ("ingress-nginx".equals(namespace)
                && "ingress-nginx".equals(peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name")
                        .asText())) {
            return "ingress-controller";
        }
        if ("monitoring".equals(namespace)) {
            return "prometheus";
        }
        if (!peer.has("namespaceSelector") && ManifestChecker.selects(peer.path("podSelector").path("matchLabels"),
                ManifestChecker.podLabels(manifests.get("Deployment", object("dashboard-api"))))) {
            return "dashboard-api";
        }
        return peer.toString();
    }

    @Test
    void theGatewayIngressRoutesOnlyMcpWithSessionAffinityAndUnbufferedStreams() {
        JsonNode ingress = manifests.get("Ingress", object("mcp-gateway"));
        JsonNode path = ingress.path("spec").path("rules").get(0).path("http").path("paths");
        assertThat(path).hasSize(1);
        assertThat(path.get(0).path("path").asText()).isEqualTo("/mcp");
        assertThat(path.get(0).path("pathType").asText()).isEqualTo("Prefix");
        JsonNode annotations = ingress.path("metadata").path("annotations");
        assertThat(annotations.path(ManifestChecker.AFFINITY_ANNOTATION).asText())
                .isEqualTo("$http_x_api_key$http_authorization");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText()).isEqualTo("off");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asText()).isEqualTo("3600");
    }

    @Test
    void theGatewayAndTheDashboardBelieveForwardedHeadersOnlyFromPrivateAddressesWhereTheIngressControllerRuns() {
        for (String service : List.of("mcp-gateway", "dashboard-api")) {
            assertThat(manifests.environment(object(service))).as(service)
                    .containsEntry("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16");
        }
        for (String service : List.of("tenant-service", "billing-service", "sync-service", "audit-service")) {
            assertThat(forwardingSettings(manifests, service)).as("%s has no public route", service).isEmpty();
        }
    }

    @Test
    void theTrustedProxiesCanBeNarrowedToTheIngressControllersOwnAddresses() {
        Manifests narrowed = Chart.render("""
                mcpGateway:
                  trustedProxies: [10.42.0.0/16, 192.0.2.7]
                """);

        assertThat(forwardingSettings(narrowed, "mcp-gateway")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.42.0.0/16,192.0.2.7"));
        assertThat(forwardingSettings(narrowed, "dashboard-api")).as("a value of its own")
                .isEqualTo(forwardingSettings(manifests, "dashboard-api"));
        assertThat(checksum(narrowed, "mcp-gateway")).as("the gateway's pods roll")
                .isNotEqualTo(checksum(manifests, "mcp-gateway"));
    }

    @Test
    void withNoTrustedProxiesTheChartLeavesForwardedHeadersToEachServicesOwnDefault() {
        Manifests none = Chart.render("""
                mcpGateway:
                  trustedProxies: []
                dashboardApi:
                  trustedProxies: []
                """);

        // the gateway then believes no forwarded header; dashboard-api its application.properties (any peer)
        assertThat(forwardingSettings(none, "mcp-gateway")).isEmpty();
        assertThat(forwardingSettings(none, "dashboard-api")).isEmpty();
        assertThat(new ManifestChecker(Contracts.compactedTopics()).violations(none)).isEmpty();
    }

    private static Map<String, String> forwardingSettings(Manifests rendered, String service) {
        Map<String, String> settings = new TreeMap<>(rendered.environment(object(service)));
        settings.keySet().removeIf(name -> !name.startsWith("QUARKUS_HTTP_PROXY_"));
        return settings;
    }

    @Test
    void stripesWebhookIsTheOnlyPublicPathOfBillingService() {
        List<JsonNode> toBilling = manifests.ofKind("Ingress").stream()
                .filter(ingress -> ManifestChecker.backends(ingress).contains(object("billing-service"))).toList();
        assertThat(toBilling).hasSize(1);
        JsonNode rule = toBilling.get(0).path("spec").path("rules").get(0);
        assertThat(rule.path("host").asText()).isEqualTo("app.example.com");
        JsonNode paths = rule.path("http").path("paths");
        assertThat(paths).hasSize(1);
        assertThat(paths.get(0).path("path").asText()).isEqualTo("/webhooks/stripe");
        assertThat(paths.get(0).path("pathType").asText()).isEqualTo("Exact");
    }

    @Test
    void theServicesFindEachOtherAndTheDashboard() {
        JsonNode dashboard = manifests.get("ConfigMap", object("dashboard-api")).path("data");
        assertThat(dashboard.path("TENANT_SERVICE_URL").asText()).isEqualTo("http://hostmcp-tenant-service:8082");
        assertThat(dashboard.path("BILLING_SERVICE_URL").asText()).isEqualTo("http://hostmcp-billing-service:8083");
        assertThat(dashboard.path("SYNC_SERVICE_URL").asText()).isEqualTo("http://hostmcp-sync-service:8084");
        assertThat(dashboard.path("AUDIT_SERVICE_URL").asText()).isEqualTo("http://hostmcp-audit-service:8085");
        assertThat(dashboard.path("DASHBOARD_PUBLIC_URL").asText()).isEqualTo("https://app.example.com");
        assertThat(dashboard.path("DASHBOARD_GATEWAY_URL").asText()).isEqualTo("https://mcp.example.com/mcp");
        assertThat(dashboard.path("OIDC_CLIENT_ID").asText()).isEqualTo("dashboard");
        assertThat(dashboard.path("OIDC_SERVICE_CLIENT_ID").asText()).isEqualTo("dashboard-api");
        assertThat(manifests.get("ConfigMap", object("mcp-gateway")).path("data").path("DASHBOARD_URL").asText())
                .isEqualTo("https://app.example.com");
        assertThat(manifests.get("ConfigMap", object("billing-service")).path("data").path("BILLING_REDIRECT_ORIGINS")
                .asText()).isEqualTo("https://app.example.com");
    }

    @Test
    void podsRollWhenTheirConfigurationChanges() {
        Manifests changed = Chart.render(Map.of("billingService.stripe.priceId", "price_other"));

        assertThat(checksum(changed, "billing-service")).isNotEqualTo(checksum(manifests, "billing-service"));
        assertThat(checksum(changed, "tenant-service")).isEqualTo(checksum(manifests, "tenant-service"));
    }

    private static String checksum(Manifests rendered, String service) {
        return rendered.get("Deployment", object(service)).path("spec").path("template").path("metadata")
                .path("annotations").path("checksum/config").asText();
    }

    @Test
    void kafkaAuthenticationComesFromItsSecretAndNeedsOne() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("global.kafka.auth.enabled", true);
        overrides.put("global.kafka.auth.existingSecret", "hostmcp-kafka-user");
        Manifests withAuth = Chart.render(overrides);

        for (String service : Contracts.SERVICES) {
            JsonNode config = withAuth.get("ConfigMap", object(service)).path("data");
            assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
            assertThat(config.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
            List<String> jaas = new ArrayList<>();
            withAuth.get("Deployment", object(service)).path("spec").path("template").path("spec").path("containers")
                    .get(0).path("env").forEach(env -> {
                        if ("KAFKA_SASL_JAAS_CONFIG".equals(env.path("name").asText())) {
                            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                            jaas.add(ref.path("name").asText() + "/" + ref.path("key").asText());
                        }
                    });
            assertThat(jaas).as(service).containsExactly("hostmcp-kafka-user/sasl.jaas.config");
        }
        assertThat(new ManifestChecker(Contracts.compactedTopics()).violations(withAuth)).isEmpty();
        assertThatThrownBy(() -> Chart.render(Map.of("global.kafka.auth.enabled", true)))
                .hasMessageContaining("global.kafka.auth.existingSecret is required");
    }

    @Test
    void noKafkaTopicsOrServiceMonitorsUnlessAskedFor() {
        assertThat(manifests.ofKind("KafkaTopic")).isEmpty();
        assertThat(manifests.ofKind("ServiceMonitor")).isEmpty();
    }
}
