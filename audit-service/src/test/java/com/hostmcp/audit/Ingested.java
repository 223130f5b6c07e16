package com.hostmcp.audit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.hostmcp.testsupport.kafka.KafkaTestBroker;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sends records to the real broker as their producers do and waits for audit-service to have stored them. */
public final class Ingested {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Ingested() {
    }

    public static void send(List<ProducerRecord<String, String>> records) {
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaTestBroker.bootstrapServers())) {
            kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }
    }

    /** Waits until the organization has {@code rows} entries in the log. */
    public static void awaitRows(Pool pool, UUID organizationId, long rows) {
        await().atMost(WAIT).until(() -> rows(pool, organizationId) >= rows);
    }

    /** Waits until the entry exists and, for a tool call, holds its ToolInvoked details. */
    public static void awaitComplete(Pool pool, String entryId) {
        await().atMost(WAIT).until(() -> scalar(pool, "SELECT count(*) FROM audit.audit_log WHERE entry_id = $1"
                + " AND complete", entryId) == 1);
    }

    public static long rows(Pool pool, UUID organizationId) {
        return scalar(pool, "SELECT count(*) FROM audit.audit_log WHERE organization_id = $1", organizationId);
    }

    public static long scalar(Pool pool, String sql, Object... arguments) {
        return pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
