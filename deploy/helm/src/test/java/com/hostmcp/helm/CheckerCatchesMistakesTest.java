package com.hostmcp.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Renders the chart with one deliberate mistake at a time (values the chart accepts) and shows that the checker
 * reports exactly that mistake: a checker that passes everything would make the other tests worthless.
 */
class CheckerCatchesMistakesTest {

    private static final ManifestChecker CHECKER = new ManifestChecker(Contracts.compactedTopics());

    private static List<String> violations(Map<String, Object> overrides) {
        return CHECKER.violations(Chart.render(overrides));
    }

    private static List<String> productionViolations(Map<String, Object> overrides) {
        return CHECKER.violations(Chart.render(overrides, Chart.PRODUCTION_VALUES));
    }

    @Test
    void aMissingLivenessProbeIsReported() {
        assertThat(violations(Map.of("mcpGateway.probes.liveness.enabled", false)))
                .containsExactly("Deployment hostmcp-mcp-gateway container mcp-gateway: no livenessProbe");
    }

    @Test
    void aReadinessProbeOutsideQuarkusHealthIsReported() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("syncService.probes.readiness.enabled", true);
        overrides.put("syncService.probes.readiness.path", "/q/metrics");
        overrides.put("syncService.probes.readiness.periodSeconds", 5);
        overrides.put("syncService.probes.readiness.timeoutSeconds", 3);
        overrides.put("syncService.probes.readiness.failureThreshold", 3);

        assertThat(violations(overrides)).containsExactly(
                "Deployment hostmcp-sync-service container sync-service: readinessProbe is on /q/metrics, not /q/health/ready");
    }

    @Test
    void aLiteralSecretInTheEnvironmentIsReported() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("billingService.extraEnv[0].name", "STRIPE_API_KEY");
        overrides.put("billingService.extraEnv[0].value", "sk_live_inlined");

        assertThat(violations(overrides)).containsExactly(
                "Deployment hostmcp-billing-service container billing-service: STRIPE_API_KEY is an inlined secret (use valueFrom.secretKeyRef)");
    }

    @Test
    void aSecretValueUnderAnInnocentNameIsReported() {
        assertThat(violations(Map.of("global.env.STRIPE_FALLBACK", "whsec_inlined")))
                .hasSize(6)
                .allMatch(violation -> violation.endsWith(": STRIPE_FALLBACK holds a secret value"));
    }

    @Test
    void aRenderedSecretIsReported() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("extraObjects[0].apiVersion", "v1");
        overrides.put("extraObjects[0].kind", "Secret");
        overrides.put("extraObjects[0].metadata.name", "hostmcp-stripe");
        overrides.put("extraObjects[0].stringData.api-key", "sk_live_inlined");

        assertThat(violations(overrides)).containsExactly(
                "Secret hostmcp-stripe: the chart must not render Secrets (secrets are referenced by existingSecret)");
    }

    @Test
    void aStateTopicThatIsNotCompactedIsReported() {
        assertThat(productionViolations(Map.of("kafkaTopics.topics.billingEntitlements.config.cleanup\\.policy", "delete")))
                .containsExactly(
                        "KafkaTopic billing-entitlements-v1: state topic billing.entitlements.v1 must have cleanup.policy compact, not 'delete'");
    }

    @Test
    void aWritableRootFilesystemOrRootUserIsReportedForEveryService() {
        assertThat(violations(Map.of("containerSecurityContext.readOnlyRootFilesystem", false)))
                .hasSize(6).allMatch(violation -> violation.endsWith(": readOnlyRootFilesystem is not true"));

        assertThat(violations(Map.of("containerSecurityContext.runAsNonRoot", false)))
                .hasSize(6).allMatch(violation -> violation.endsWith(": runAsNonRoot is not true"));
    }

    @Test
    void capabilitiesThatAreNotAllDroppedAreReported() {
        assertThat(violations(Map.of("containerSecurityContext.capabilities.drop[0]", "NET_RAW")))
                .hasSize(6).allMatch(violation -> violation.endsWith(": capabilities do not drop ALL"));
    }

    @Test
    void aGatewayIngressWithoutSessionAffinityIsReported() {
        assertThat(violations(Map.of("mcpGateway.ingress.sessionAffinity.enabled", false))).containsExactly(
                "Ingress hostmcp-mcp-gateway: no MCP session affinity (nginx.ingress.kubernetes.io/upstream-hash-by)");
    }

    @Test
    void servicesWithoutNetworkPoliciesAreReported() {
        assertThat(violations(Map.of("networkPolicy.enabled", false)))
                .hasSize(6).allMatch(violation -> violation.endsWith(": no NetworkPolicy restricts traffic to its pods"));
    }

    @Test
    void aPublicServiceWithoutAutoscalingOrDisruptionBudgetIsReported() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("dashboardApi.autoscaling.enabled", false);
        overrides.put("dashboardApi.podDisruptionBudget.enabled", false);

        assertThat(violations(overrides)).containsExactly(
                "Deployment hostmcp-dashboard-api: no HorizontalPodAutoscaler",
                "Deployment hostmcp-dashboard-api: no PodDisruptionBudget");
    }

    @Test
    void anUnpinnedImageIsReported() {
        assertThat(violations(Map.of("auditService.image.tag", "latest"))).containsExactly(
                "Deployment hostmcp-audit-service container audit-service: image ghcr.io/hostmcp/audit-service:latest has no pinned tag");
    }
}
