package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.standin.hostaway.HostawayAccount;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * Issue 9's secret-hygiene check, after every other journey: no API key, Hostaway secret, Stripe secret, generated
 * secret (data/secrets.env) or sandbox guest e-mail/phone in any service log, any Kafka record or any row of the stack's
 * database. Keycloak's own H2 database and secrets.env legitimately hold some of them and are not scanned.
 */
final class SecretHygieneScan {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> state;
    private final Map<String, String> generatedSecrets;
    private final Map<String, String> billingEnvironment;

    /**
     * @param generatedSecrets the values of data/secrets.env
     * @param billingEnvironment billing-service's environment, for the Stripe key and webhook secret the stack uses
     */
    SecretHygieneScan(Map<String, String> state, Map<String, String> generatedSecrets,
            Map<String, String> billingEnvironment) {
        this.state = state;
        this.generatedSecrets = generatedSecrets;
        this.billingEnvironment = billingEnvironment;
    }

    void run() throws Exception {
        Map<String, Collection<String>> needles = new LinkedHashMap<>();
        needles.put("Hostaway secret", HostawaySeedAccounts.ALL.stream().map(HostawayAccount::secret).toList());
        needles.put("Stripe secret", List.of(billingEnvironment.get("STRIPE_API_KEY"),
                billingEnvironment.get("STRIPE_WEBHOOK_SECRET")));
        needles.put("generated secret", generatedSecrets.values().stream().filter(v -> !v.isBlank()).toList());
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (HostawayAccount account : HostawaySeedAccounts.ALL) {
            guests(account, emails, phones);
        }
        assertThat(emails).as("guest e-mail addresses of the sandbox accounts").isNotEmpty();
        assertThat(phones).as("guest phone numbers of the sandbox accounts").isNotEmpty();
        needles.put("guest e-mail", emails);
        needles.put("guest phone", phones);
        SecretMatcher matcher = new SecretMatcher(needles);

        List<String> hits = new ArrayList<>();
        long[] logs = scanLogs(matcher, hits);
        long[] kafka = scanKafka(matcher, hits);
        long[] database = scanDatabase(matcher, hits);
        System.out.printf("Secret hygiene: %d needles (%d Hostaway, 2 Stripe, %d generated, %d guest e-mails, %d guest"
                + " phones) + any full API key; scanned %d log files (%d bytes), %d topics (%d records), %d tables (%d"
                + " rows): %d hits%n", matcher.size(), HostawaySeedAccounts.ALL.size(),
                needles.get("generated secret").size(), emails.size(), phones.size(), logs[0], logs[1], kafka[0],
                kafka[1], database[0], database[1], hits.size());
        assertThat(logs[0]).as("log files scanned").isPositive();
        assertThat(kafka[1]).as("Kafka records scanned").isPositive();
        assertThat(database[1]).as("database rows scanned").isPositive();
        assertThat(hits).as("secrets found (kind and place; values are not shown)").isEmpty();
    }

    /** Every file under the run's logs directory; returns {files, bytes}. */
    private long[] scanLogs(SecretMatcher matcher, List<String> hits) throws Exception {
        long files = 0;
        long bytes = 0;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(Path.of(state.get("LOGS_DIR")))) {
            paths = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : paths) {
            byte[] content = Files.readAllBytes(file);
            files++;
            bytes += content.length;
            matcher.hits(new String(content, StandardCharsets.UTF_8))
                    .forEach(hit -> hits.add(hit + " in " + file.getFileName()));
        }
        return new long[] { files, bytes };
    }

    /** Every record (key, value, headers) of every topic, internal ones included, from the beginning. */
    private long[] scanKafka(SecretMatcher matcher, List<String> hits) throws Exception {
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                state.get("KAFKA_BOOTSTRAP_SERVERS"));
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin client = Admin.create(admin)) {
            Set<String> topics = client.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription topic : client.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
        }
        Map<String, Object> config = new HashMap<>(admin);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("every topic read to its end within 2 minutes").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    records++;
                    StringBuilder text = new StringBuilder();
                    append(text, record.key());
                    append(text, record.value());
                    for (Header header : record.headers()) {
                        text.append('\n').append(header.key()).append('=');
                        append(text, header.value());
                    }
                    matcher.hits(text.toString()).forEach(hit -> hits.add(hit + " in a record of " + record.topic()));
                }
            }
        }
        long topics = partitions.stream().map(TopicPartition::topic).distinct().count();
        return new long[] { topics, records };
    }

    private static void append(StringBuilder text, byte[] bytes) {
        if (bytes != null) {
            text.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
        }
    }

    /**
     * Every row of every table of every schema of the stack's database, as its text form; partitioned tables through
     * their parent (each partition once). Read as up's database user, which owns the tables (no row-level security).
     */
    private long[] scanDatabase(SecretMatcher matcher, List<String> hits) throws SQLException {
        long rows = 0;
        List<String> tables = new ArrayList<>();
        try (Connection db = LocalStackUpDownIT.connect(state.get("PG_URL"))) {
            try (Statement sql = db.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT quote_ident(n.nspname)"
                            + " || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname <> 'information_schema'"
                            + " AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            db.setAutoCommit(false); // a cursor (fetch size) instead of whole tables in memory
            for (String table : tables) {
                try (Statement sql = db.createStatement()) {
                    sql.setFetchSize(1_000);
                    try (ResultSet rs = sql.executeQuery("SELECT t::text FROM " + table + " t")) {
                        while (rs.next()) {
                            rows++;
                            matcher.hits(rs.getString(1)).forEach(hit -> hits.add(hit + " in a row of " + table));
                        }
                    }
                }
            }
            db.rollback();
        }
        assertThat(tables).as("tables of the stack's database").contains("audit.audit_log", "tenant.outbox");
        return new long[] { tables.size(), rows };
    }

    /** The guests' e-mail addresses and phone numbers of one sandbox account, from the Hostaway stand-in's API. */
    private void guests(HostawayAccount account, Set<String> emails, Set<String> phones) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + account.accountId() + "&client_secret="
                + URLEncoder.encode(account.secret(), StandardCharsets.UTF_8) + "&scope=general";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(state.get("HOSTAWAY_API_URL")
                + "/v1/accessTokens")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as("Hostaway stand-in token of account %d", account.accountId()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        for (int offset = 0;; offset += PAGE) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(state.get("HOSTAWAY_API_URL")
                    + "/v1/reservations?limit=" + PAGE + "&offset=" + offset))
                    .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("reservations of account %d", account.accountId()).isEqualTo(200);
            JsonNode result = JSON.readTree(page.body()).path("result");
            for (JsonNode reservation : result) {
                add(emails, reservation.path("guestEmail"));
                add(phones, reservation.path("phone"));
            }
            if (result.size() < PAGE) {
                return;
            }
        }
    }

    private static void add(Set<String> values, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            values.add(value.asText());
        }
    }
}
