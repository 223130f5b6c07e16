package com.hostmcp.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to Kafka and marks them sent.
 * <p>
 * Guarantees: at least once (a row is marked only after the broker acknowledged it with acks=all; a crash in between
 * republishes it, and consumers dedupe on the event id); ordered per key (rows go out in id order through an idempotent
 * producer, and only the acknowledged prefix of a batch is marked, so a failed row and everything after it is retried
 * together); one relay at a time per schema (a transaction-scoped advisory lock), so replicas cannot interleave.
 * Runs on a worker thread; the blocking waits never touch the event loop.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final MessagingConfig config;
    private final Producer<String, String> producer;
    private final Counter published;
    private final Counter failures;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "outbox-relay"));
    private final String anyUnsent;
    private final String lock;
    private final String selectUnsent;
    private final String markSent;
    private final String purgeSent;

    @Inject
    public OutboxRelay(Pool pool, MessagingConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this(pool, config, registry, createProducer(bootstrapServers, config));
    }

    OutboxRelay(Pool pool, MessagingConfig config, MeterRegistry registry, Producer<String, String> producer) {
        this.pool = pool;
        this.config = config;
        this.producer = producer;
        String schema = SchemaName.checked(config.schema());
        this.published = Counter.builder("outbox.published").description("Outbox rows published to Kafka")
                .tag("schema", schema).register(registry);
        this.failures = Counter.builder("outbox.publish.failures").description("Outbox batches that failed part-way")
                .tag("schema", schema).register(registry);
        this.anyUnsent = "SELECT EXISTS (SELECT 1 FROM " + schema + ".outbox WHERE published_at IS NULL)";
        this.lock = "SELECT pg_try_advisory_xact_lock(hashtext('" + schema + ".outbox'))";
        this.selectUnsent = "SELECT id, topic, message_key, payload FROM " + schema
                + ".outbox WHERE published_at IS NULL ORDER BY id LIMIT $1";
        this.markSent = "UPDATE " + schema + ".outbox SET published_at = now() WHERE id = ANY($1)";
        this.purgeSent = "DELETE FROM " + schema + ".outbox WHERE published_at < now() - make_interval(secs => $1)";
    }

    private static Producer<String, String> createProducer(String bootstrapServers, MessagingConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.schema());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // idempotence keeps per-partition order with up to 5 requests in flight, even across retries
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        long timeout = Math.max(config.outbox().sendTimeout().toMillis(), 15000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeout, 10000)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * Starts the relay loop. Not a {@code @Scheduled} job: the scheduler's minimum period is one second, and key
     * revocation must reach the gateway well within a second.
     */
    void start(@Observes StartupEvent startup) {
        if (!config.outbox().enabled()) {
            LOG.infof("Outbox relay for schema %s is disabled on this replica", config.schema());
            return;
        }
        long interval = config.outbox().pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::relayQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Stops the loop before the database pool and the producer go away. */
    void stop(@Observes ShutdownEvent shutdown) {
        loop.shutdown();
    }

    private void relayQuietly() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            // the rows stay unsent and the next tick tries again
            LOG.warnf("Outbox relay for schema %s failed, will retry: %s", config.schema(), e.getMessage());
        }
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "outbox-purge", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purgeSent();
    }

    /**
     * Publishes batches until nothing is pending, a send fails, or another replica holds the relay. Returns rows
     * published.
     */
    public int relayPending() {
        int total = 0;
        int batch;
        do {
            batch = publishBatch();
            total += batch;
        } while (batch == config.outbox().batchSize());
        return total;
    }

    /** Deletes rows sent longer ago than the retention. Returns how many. */
    public int purgeSent() {
        return pool.preparedQuery(purgeSent).execute(Tuple.of(config.outbox().retention().toSeconds()))
                .map(rows -> rows.rowCount()).await().atMost(Duration.ofSeconds(60));
    }

    private int publishBatch() {
        Duration dbTimeout = Duration.ofSeconds(10);
        // the common idle case costs one indexed query and no transaction
        if (!pool.query(anyUnsent).execute().await().atMost(dbTimeout).iterator().next().getBoolean(0)) {
            return 0;
        }
        SqlConnection connection = pool.getConnection().await().atMost(dbTimeout);
        try {
            var tx = connection.begin().await().atMost(dbTimeout);
            try {
                boolean locked = connection.query(lock).execute().await().atMost(dbTimeout)
                        .iterator().next().getBoolean(0);
                if (!locked) {
                    tx.rollback().await().atMost(dbTimeout);
                    return 0;
                }
                List<Row> rows = new ArrayList<>();
                connection.preparedQuery(selectUnsent).execute(Tuple.of(config.outbox().batchSize()))
                        .await().atMost(dbTimeout).forEach(rows::add);
                if (rows.isEmpty()) {
                    tx.rollback().await().atMost(dbTimeout);
                    return 0;
                }
                List<Long> sent = send(rows);
                if (!sent.isEmpty()) {
                    connection.preparedQuery(markSent).execute(Tuple.of(sent.toArray(new Long[0])))
                            .await().atMost(dbTimeout);
                }
                tx.commit().await().atMost(dbTimeout);
                published.increment(sent.size());
                return sent.size();
            } catch (RuntimeException e) {
                tx.rollback().subscribe().with(ignored -> {
                }, ignored -> {
                });
                throw e;
            }
        } finally {
            connection.closeAndForget();
        }
    }

    /** Sends rows in id order and returns the ids of the acknowledged prefix. */
    private List<Long> send(List<Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            // the value alone is the event; no CloudEvents headers, because a content-type header makes SmallRye
            // consumers unwrap the envelope and hand over only its data, losing the id they dedupe on
            ProducerRecord<String, String> record = new ProducerRecord<>(row.getString("topic"),
                    row.getString("message_key"), row.getString("payload"));
            try {
                acks.add(producer.send(record));
            } catch (RuntimeException e) {
                // e.g. metadata not available within max.block.ms: nothing after this row may go out before it
                break;
            }
        }
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>(acks.size());
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(rows.get(i).getLong("id"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                failures.increment();
                LOG.warnf("Publishing outbox row %d to %s failed; it and later rows will be retried: %s",
                        rows.get(i).getLong("id"), rows.get(i).getString("topic"), e.getMessage());
                break;
            }
        }
        return sent;
    }

    @PreDestroy
    void close() {
        loop.shutdown();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
