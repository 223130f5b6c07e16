package com.hostmcp.dashboard;

import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.service.ServiceEndpoints;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest {

    @Test
    void readinessIsUpWithKafka() {
        ServiceEndpoints.assertReady(ServiceEndpoints.KAFKA_CHECK);
    }

    @Test
    void livenessIsUp() {
        ServiceEndpoints.assertLive();
    }

    @Test
    void metricsArePublishedInPrometheusFormat() {
        ServiceEndpoints.assertPrometheusMetrics();
    }

    @Test
    void openApiDocumentIsPublished() {
        ServiceEndpoints.assertOpenApi("HostMCP Dashboard API");
    }
}
