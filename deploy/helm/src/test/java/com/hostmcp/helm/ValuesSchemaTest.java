package com.hostmcp.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** values.schema.json and the chart's own guard refuse values that would put a secret into the manifests. */
class ValuesSchemaTest {

    @Test
    void aSecretValueHasNoPlaceInTheValues() {
        assertThatThrownBy(() -> Chart.render(Map.of("billingService.stripe.apiKey", "sk_live_inlined")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("apiKey");
    }

    @Test
    void aSecretLookingNameInTheConfigMapEnvironmentIsRefusedWithAHint() {
        assertThatThrownBy(() -> Chart.render(Map.of("tenantService.env.DB_PASSWORD", "hunter2")))
                .hasMessageContaining("tenantService.env.DB_PASSWORD (or global.env) looks like a secret")
                .hasMessageContaining("secretKeyRef");
    }

    @Test
    void aMisspelledServiceIsRefused() {
        assertThatThrownBy(() -> Chart.render(Map.of("mcpGatway.replicas", 3)))
                .hasMessageContaining("mcpGatway");
    }

    @Test
    void aDeploymentWithoutLimitsIsRefused() {
        assertThatThrownBy(() -> Chart.render(Map.of("auditService.resources.limits", "null")))
                .hasMessageContaining("limits");
    }

    @Test
    void trustedProxiesAreAListOfAddressesOrCidrs() {
        // a string would pass any text to Quarkus unchecked; a host name would cost a DNS lookup per request
        assertThatThrownBy(() -> Chart.render(Map.of("mcpGateway.trustedProxies", "10.0.0.0/8")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/mcpGateway/trustedProxies");
        assertThatThrownBy(() -> Chart.render("""
                dashboardApi:
                  trustedProxies: [10.0.0.0/8, ingress-nginx.example.com]
                """)).hasMessageContaining("/dashboardApi/trustedProxies/1");
    }

    @Test
    void anUnknownPaymentFailurePolicyIsRefused() {
        assertThatThrownBy(() -> Chart.render(Map.of("billingService.billing.paymentFailurePolicy", "FORGIVE")))
                .hasMessageContaining("paymentFailurePolicy");
    }
}
