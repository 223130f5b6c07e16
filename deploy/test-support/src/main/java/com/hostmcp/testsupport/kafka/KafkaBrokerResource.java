package com.hostmcp.testsupport.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at the JVM's shared Kafka broker. The broker outlives single test classes (it
 * is closed when the JVM exits), so restarts of the application between classes reuse it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaTestBroker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker belongs to the JVM, not to one application start
    }
}
