package com.hostmcp.gateway.projection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until each projected topic has been read up to the end offsets seen at start-up: before that the gateway would
 * refuse valid keys or serve revoked ones.
 */
@Readiness
@ApplicationScoped
public class ProjectionsReadinessCheck implements HealthCheck {

    public static final String NAME = "Gateway projections";

    private final ProjectionConsumer consumer;

    public ProjectionsReadinessCheck(ProjectionConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(consumer.caughtUp());
        consumer.progress().forEach((topic, progress) -> response.withData(topic + ".caughtUp", progress.caughtUp())
                .withData(topic + ".records", progress.records()));
        return response.build();
    }
}
