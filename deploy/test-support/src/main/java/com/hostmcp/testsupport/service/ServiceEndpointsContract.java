package com.hostmcp.testsupport.service;

import org.junit.jupiter.api.Test;

/**
 * The operational endpoints every service must have. A service's test extends this with {@code @QuarkusTest} and its
 * test resources, and names its OpenAPI title and the readiness checks it must report.
 */
public abstract class ServiceEndpointsContract {

    /** The title of the service's OpenAPI document. */
    protected abstract String openApiTitle();

    /** The readiness checks that must be present and UP (database, Kafka, ...). */
    protected abstract String[] readinessChecks();

    @Test
    void readinessIsUpWithTheServicesDependencies() {
        ServiceEndpoints.assertReady(readinessChecks());
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
        ServiceEndpoints.assertOpenApi(openApiTitle());
    }
}
