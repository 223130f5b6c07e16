package com.hostmcp.audit;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.service.ServiceEndpoints;
import com.hostmcp.testsupport.service.ServiceEndpointsContract;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "HostMCP Audit service";
    }

    @Override
    protected String[] readinessChecks() {
        return new String[] { ServiceEndpoints.DATABASE_CHECK, ServiceEndpoints.KAFKA_CHECK };
    }
}
