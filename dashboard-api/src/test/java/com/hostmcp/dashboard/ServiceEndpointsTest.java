package com.hostmcp.dashboard;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.service.ServiceEndpoints;
import com.hostmcp.testsupport.service.ServiceEndpointsContract;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "HostMCP Dashboard API";
    }

    @Override
    protected String[] readinessChecks() {
        return new String[] { ServiceEndpoints.KAFKA_CHECK };
    }
}
