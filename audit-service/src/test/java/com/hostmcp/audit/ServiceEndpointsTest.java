package com.hostmcp.audit;

import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.service.ServiceEndpoints;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest {

    @Test
    void readinessIsUpWithItsDatabaseAndKafka() {
        ServiceEndpoints.assertReady(ServiceEndpoints.DATABASE_CHECK, ServiceEndpoints.KAFKA_CHECK);
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
        ServiceEndpoints.assertOpenApi("HostMCP Audit service");
    }
}
