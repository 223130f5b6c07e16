package com.hostmcp.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.EntitlementState;
import com.hostmcp.gateway.GatewayTopics;
import com.hostmcp.gateway.HostawayStatus;
import com.hostmcp.gateway.projection.ApiKeyProjection;
import com.hostmcp.gateway.projection.EntitlementProjection;
import com.hostmcp.gateway.projection.OrganizationProjection;
import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.testsupport.crypto.TestKeysets;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaTestBroker;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.arc.Arc;

/**
 * Organizations for gateway tests, made the way production makes them: tenant-service's and billing-service's events
 * (built from the docs/events examples and checked against their schemas) on the real topics, then a wait until the
 * gateway's projections show them. Use inside a {@code @QuarkusTest}.
 */
public final class TestTenants {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CredentialCipher CIPHER = new CredentialCipher(TestKeysets.testOnlyKeyset());
    /** Snapshots win by version; one increasing counter keeps every later snapshot newer. */
    private static final AtomicLong VERSIONS = new AtomicLong(1);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);
    /** Account ids for {@link #withOwnAccount}: above the seeded ones, small enough for 32-bit listing ids. */
    private static final AtomicLong NEXT_ACCOUNT = new AtomicLong(20_001);
    private static KafkaProducer<String, String> producer;

    /** An organization connected to a stand-in account, on a trial, with one API key. */
    public record TestTenant(UUID organizationId, UUID keyId, String apiKey, long accountId, String secret) {
    }

    private TestTenants() {
    }

    /**
     * A new organization on its own new stand-in account with {@code listings} listings (none archived), so that a
     * test's Hostaway traffic and rate limits are its own. Listing ids are {@code accountId * 10000 + 1..n}.
     */
    public static TestTenant withOwnAccount(int listings) {
        long accountId = newAccountId();
        String secret = "own-account-secret-" + UUID.randomUUID();
        HostawayStandInResource.standIn().addAccount(accountId, secret, listings, 0);
        return connected(accountId, secret);
    }

    /** An account id no other test of this JVM uses, for {@code standIn().addAccount(...)}. */
    public static long newAccountId() {
        return NEXT_ACCOUNT.getAndIncrement();
    }

    /** A new organization connected to Hostaway account {@code accountId} with {@code secret}, TRIAL, one key. */
    public static TestTenant connected(long accountId, String secret) {
        UUID organizationId = UUID.randomUUID();
        publishOrganization(organizationId, HostawayStatus.CONNECTED, accountId, secret, null);
        long version = publishEntitlement(organizationId, EntitlementState.TRIAL, true, "trial");
        await().atMost(VISIBLE_WITHIN).until(() -> projection(EntitlementProjection.class).find(organizationId)
                .filter(entitlement -> entitlement.version() == version).isPresent());
        return issueKey(new TestTenant(organizationId, null, null, accountId, secret));
    }

    /** Another active key for the same organization. */
    public static TestTenant issueKey(TestTenant tenant) {
        UUID organizationId = tenant.organizationId();
        String apiKey = ApiKeyFormat.generate();
        UUID keyId = UUID.randomUUID();
        String hash = ApiKeyFormat.sha256Hex(apiKey);
        ObjectNode event = example("com.hostmcp.tenant.ApiKeyIssued.v1", organizationId);
        ((ObjectNode) event.get("data")).put("keyId", keyId.toString()).put("keyHash", hash)
                .put("displayHint", ApiKeyFormat.displayHint(apiKey)).put("name", "test key");
        send(GatewayTopics.API_KEYS, hash, valid(event));
        await().atMost(VISIBLE_WITHIN).until(() -> projection(ApiKeyProjection.class).findByHash(hash).isPresent());
        return new TestTenant(organizationId, keyId, apiKey, tenant.accountId(), tenant.secret());
    }

    /** Revokes the key (tombstone, as tenant-service does); returns when the record is on Kafka. */
    public static void revokeKey(TestTenant tenant) {
        send(GatewayTopics.API_KEYS, ApiKeyFormat.sha256Hex(tenant.apiKey()), null);
    }

    /**
     * Publishes a new entitlement snapshot; returns its version when it is on Kafka (not yet applied by the gateway,
     * so that tests can measure how soon it is).
     */
    public static long publishEntitlement(UUID organizationId, EntitlementState state, boolean mcpAccess,
            String reason) {
        ObjectNode event = example("com.hostmcp.billing.EntitlementChanged.v1", organizationId);
        long version = VERSIONS.incrementAndGet();
        ((ObjectNode) event.get("data")).put("state", state.name()).put("mcpAccess", mcpAccess).put("reason", reason)
                .put("version", version).putNull("validUntil").put("changedAt", Instant.now().toString());
        send(GatewayTopics.ENTITLEMENTS, organizationId.toString(), valid(event));
        return version;
    }

    /** Publishes a new organization snapshot ({@code secret} null unless CONNECTED) and waits until it is applied. */
    public static void publishOrganization(UUID organizationId, HostawayStatus status, long accountId, String secret,
            String invalidReason) {
        ObjectNode event = example("com.hostmcp.tenant.OrganizationUpdated.v1", organizationId);
        long version = VERSIONS.incrementAndGet();
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("name", "Test organization " + organizationId.toString().substring(0, 8)).put("version", version)
                .put("updatedAt", Instant.now().toString());
        ObjectNode hostaway = (ObjectNode) data.get("hostaway");
        hostaway.put("status", status.name());
        if (status == HostawayStatus.NOT_CONNECTED) {
            hostaway.putNull("accountId").putNull("encryptedCredentials").putNull("connectedAt");
        } else {
            hostaway.put("accountId", Long.toString(accountId));
            hostaway.put("encryptedCredentials", secret == null ? null
                    : Base64.getEncoder().encodeToString(CIPHER.encrypt(organizationId, secret)));
        }
        if (status == HostawayStatus.INVALID) {
            hostaway.put("invalidReason", invalidReason).put("invalidSince", Instant.now().toString());
        } else {
            hostaway.putNull("invalidReason").putNull("invalidSince");
        }
        send(GatewayTopics.ORGANIZATIONS, organizationId.toString(), valid(event));
        await().atMost(VISIBLE_WITHIN).until(() -> projection(OrganizationProjection.class).find(organizationId)
                .filter(organization -> organization.version() == version).isPresent());
    }

    private static <T> T projection(Class<T> type) {
        return Arc.container().instance(type).get();
    }

    private static ObjectNode example(String type, UUID organizationId) {
        try (InputStream in = TestTenants.class.getResourceAsStream("/hostmcp-events/examples/" + type + ".json")) {
            ObjectNode event = (ObjectNode) MAPPER.readTree(in);
            event.put("id", UUID.randomUUID().toString()).put("subject", organizationId.toString())
                    .put("time", Instant.now().toString());
            ((ObjectNode) event.get("data")).put("organizationId", organizationId.toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String valid(ObjectNode event) {
        String json = event.toString();
        EventContracts.assertValid(json);
        return json;
    }

    private static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            var properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish the test record to " + topic, e.getCause());
        }
    }
}
