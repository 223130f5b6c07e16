package com.hostmcp.testsupport.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Arrays;

/**
 * Checks of the operational endpoints every service has (health, metrics, OpenAPI), against the application under
 * test (RestAssured is pointed at it by {@code @QuarkusTest}).
 */
public final class ServiceEndpoints {

    public static final String DATABASE_CHECK = "Reactive PostgreSQL connections health check";
    public static final String KAFKA_CHECK = "Kafka connection health check";

    private ServiceEndpoints() {
    }

    /** Readiness is UP and includes each named check, each UP. */
    public static void assertReady(String... checks) {
        var response = given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        response.body("checks.name", hasItems(checks));
        Arrays.stream(checks).forEach(check -> response.body("checks.find { it.name == '" + check + "' }.status",
                equalTo("UP")));
    }

    /** Readiness is DOWN (HTTP 503) because of the named check. */
    public static void assertNotReadyBecauseOf(String check) {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + check + "' }.status", equalTo("DOWN"));
    }

    public static void assertLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Prometheus text format with JVM and process metrics. */
    public static void assertPrometheusMetrics() {
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("process_uptime_seconds"));
    }

    /** The OpenAPI document is published with the service's title. */
    public static void assertOpenApi(String title) {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(title));
    }
}
