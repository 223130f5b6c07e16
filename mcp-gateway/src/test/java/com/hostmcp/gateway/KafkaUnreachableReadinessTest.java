package com.hostmcp.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.service.ServiceEndpoints;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness must not claim UP when the service cannot reach Kafka. */
@QuarkusTest
@TestProfile(KafkaUnreachableReadinessTest.NoBroker.class)
class KafkaUnreachableReadinessTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // nothing listens on port 1
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @Test
    void readinessIsDownWhileKafkaIsUnreachable() {
        ServiceEndpoints.assertNotReadyBecauseOf(ServiceEndpoints.KAFKA_CHECK);
    }

    @Test
    void livenessStaysUpSoTheProcessIsNotRestartedForAnOutsideOutage() {
        ServiceEndpoints.assertLive();
    }
}
