package com.hostmcp.tenant.apikey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.messaging.TenantTopics;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The full key leaves the service in the create (or regenerate) response and nowhere else. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class ApiKeySecrecyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Categories turned up to DEBUG while capturing, so that a leak at debug level is caught too. */
    private static final String[] VERBOSE_CATEGORIES = { "com.hostmcp", "io.quarkus", "org.jboss.resteasy.reactive",
            "io.vertx", "io.smallrye.reactive.messaging" };

    @Inject
    OrganizationService organizations;
    @Inject
    Pool pool;

    final Queue<String> logLines = new ConcurrentLinkedQueue<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                    : new SimpleFormatter().formatMessage(record);
            StringWriter line = new StringWriter().append(record.getLoggerName()).append(' ').append(message);
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(line));
            }
            logLines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    final Map<String, Level> previousLevels = new HashMap<>();
    KafkaCompanion kafka;

    @BeforeEach
    void captureLogs() {
        kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers());
        capture.setLevel(Level.ALL);
        LogContext context = LogContext.getLogContext();
        for (String category : VERBOSE_CATEGORIES) {
            java.util.logging.Logger logger = context.getLogger(category);
            previousLevels.put(category, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        context.getLogger("").addHandler(capture);
    }

    @AfterEach
    void restoreLogs() {
        LogContext context = LogContext.getLogContext();
        context.getLogger("").removeHandler(capture);
        previousLevels.forEach((category, level) -> context.getLogger(category).setLevel(level));
        kafka.close();
    }

    @Test
    void theFullKeyIsInNoLogLineKafkaRecordOrTableColumn() {
        String owner = "owner-" + UUID.randomUUID();
        UUID organizationId = organizations.createOrGet(owner, owner + "@example.com", "Secrets").await().atMost(WAIT)
                .organization().id();
        String path = "/internal/organizations/" + organizationId + "/api-keys";
        String created = as(owner).contentType(ContentType.JSON).body(Map.of("name", "first")).post(path)
                .then().statusCode(201).extract().path("key");
        String createdId = keyIdOf(organizationId, ApiKeyFormat.sha256Hex(created));
        String regenerated = as(owner).post(path + "/" + createdId + "/regenerate")
                .then().statusCode(201).extract().path("key");
        // a refused and a failed request also go through the logging paths
        as(owner).contentType(ContentType.JSON).body("{\"name\": ").post(path).then().statusCode(400);
        as(owner).delete(path + "/not-a-uuid").then().statusCode(400);
        as(owner).delete(path + "/" + java.util.UUID.randomUUID()).then().statusCode(404);
        Logger.getLogger(ApiKeySecrecyTest.class).infof("capture check for %s", organizationId);

        List<String> secrets = List.of(created, regenerated);
        List<String> hashes = secrets.stream().map(ApiKeyFormat::sha256Hex).toList();

        // Kafka: wait until the replacement key is published, so that everything before it is on the topics too
        List<ConsumerRecord<String, String>> records = tenantRecordsUntil(hashes.get(1));
        assertThat(records).as("the scan sees the keys' state records").anyMatch(r -> hashes.get(0).equals(r.key()));
        for (String secret : secrets) {
            assertThat(records).noneMatch(r -> contains(r.key(), secret) || contains(r.value(), secret));
        }

        // tables: every text-like column of every table of the schema
        Map<String, Long> hashHits = scanTables(hashes.get(0));
        assertThat(hashHits).as("the scan sees the stored hash").containsKey("api_keys.key_hash");
        for (String secret : secrets) {
            assertThat(scanTables(secret)).as("columns containing the key").isEmpty();
            assertThat(scanTables(secret.substring(ApiKeyFormat.PREFIX.length()))).isEmpty();
        }

        // logs
        assertThat(logLines).as("the capture works").anyMatch(line -> line.contains("capture check for " + organizationId));
        for (String secret : secrets) {
            assertThat(logLines).noneMatch(line -> line.contains(secret));
            assertThat(logLines).noneMatch(line -> line.contains(secret.substring(ApiKeyFormat.PREFIX.length())));
        }
    }

    private RequestSpecification as(String subject) {
        return given().auth().oauth2(TestTokens.serviceToken()).header("X-Acting-User", subject);
    }

    private String keyIdOf(UUID organizationId, String hash) {
        return pool.preparedQuery("SELECT id::text FROM tenant.api_keys WHERE organization_id = $1 AND key_hash = $2")
                .execute(Tuple.of(organizationId, hash)).await().atMost(WAIT).iterator().next().getString(0);
    }

    private List<ConsumerRecord<String, String>> tenantRecordsUntil(String lastHash) {
        ConsumerTask<String, String> task = kafka.consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics(TenantTopics.API_KEYS, TenantTopics.EVENTS, TenantTopics.ORGANIZATIONS);
        try {
            await().atMost(WAIT).until(() -> task.getRecords().stream()
                    .anyMatch(r -> lastHash.equals(r.key()) && r.value() != null));
            return new ArrayList<>(task.getRecords());
        } finally {
            task.stop();
        }
    }

    /** "table.column" -> number of rows whose value contains {@code needle}, for every text-like column of the schema. */
    private Map<String, Long> scanTables(String needle) {
        Map<String, Long> hits = new HashMap<>();
        var columns = pool.query("SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = 'tenant' AND data_type IN ('text', 'character varying', 'character', 'json',"
                + " 'jsonb', 'bytea', 'ARRAY')")
                .execute().await().atMost(WAIT);
        assertThat(columns.size()).as("text-like columns in the tenant schema").isGreaterThan(5);
        for (Row column : columns) {
            String table = column.getString("table_name");
            String name = column.getString("column_name");
            String condition = "bytea".equals(column.getString("data_type"))
                    ? "position(convert_to($1, 'UTF8') in \"" + name + "\") > 0"
                    : "position($1 in \"" + name + "\"::text) > 0";
            long count = pool.preparedQuery("SELECT count(*) FROM tenant.\"" + table + "\" WHERE " + condition)
                    .execute(Tuple.of(needle)).await().atMost(WAIT).iterator().next().getLong(0);
            if (count > 0) {
                hits.put(table + "." + name, count);
            }
        }
        return hits;
    }

    private static boolean contains(String value, String secret) {
        return value != null && value.contains(secret);
    }
}
