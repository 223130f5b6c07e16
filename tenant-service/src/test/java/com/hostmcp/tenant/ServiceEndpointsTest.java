package com.hostmcp.tenant;

import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.service.ServiceEndpoints;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
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
        ServiceEndpoints.assertOpenApi("HostMCP Tenant service");
    }
}
