package com.hostmcp.gateway;

import com.hostmcp.gateway.projection.ProjectionsReadinessCheck;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.service.ServiceEndpoints;
import com.hostmcp.testsupport.service.ServiceEndpointsContract;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "HostMCP MCP gateway";
    }

    @Override
    protected String[] readinessChecks() {
        return new String[] { ServiceEndpoints.KAFKA_CHECK, ProjectionsReadinessCheck.NAME };
    }
}
