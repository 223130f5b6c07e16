package com.hostmcp.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.audit.TestEvents.Call;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** Ingestion is observable: batch sizes, records by result (the insert rate), delay and the consumers' lag. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ServiceMetricsTest {

    @Inject
    Pool pool;

    @Test
    void metricsShowBatchSizesStoredRecordsDelayAndConsumerLag() {
        UUID org = UUID.randomUUID();
        Call call = Call.of(org, UUID.randomUUID(), "get_listing", "SUCCESS", 10, Instant.now());
        Ingested.send(List.of(TestEvents.record(TestEvents.TOOL_INVOCATIONS, org, TestEvents.toolInvoked(call))));
        Ingested.awaitComplete(pool, call.invocationId().toString());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("hostmcp_audit_ingest_records_total\\{[^}]*channel=\"tool-invocations\"[^}]*"
                        + "result=\"stored\"[^}]*} [1-9]")
                .contains("hostmcp_audit_ingest_batch_size_count{channel=\"tool-invocations\"")
                .contains("hostmcp_audit_ingest_batch_duration_seconds_count{channel=\"tool-invocations\"")
                .contains("hostmcp_audit_ingest_delay_seconds_count{channel=\"tool-invocations\"")
                .contains("kafka_consumer_fetch_manager_records_lag");
    }
}
