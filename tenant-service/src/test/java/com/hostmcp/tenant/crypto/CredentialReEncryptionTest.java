package com.hostmcp.tenant.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.security.CredentialDecryptionException;
import com.hostmcp.tenant.OutboxRows;
import com.hostmcp.tenant.TestTokens;
import com.hostmcp.tenant.repository.HostawayCredentialsRepository;
import com.hostmcp.tenant.repository.TenantTransactions;
import com.hostmcp.tenant.service.OrganizationService;
import com.hostmcp.testsupport.crypto.TestKeysets;
import com.hostmcp.testsupport.events.EventContracts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Key rotation's last step: the application runs with the test-only keyset (an older key beside the primary); rows
 * written under the older key still decrypt, and re-encryption moves every row to the primary key.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class CredentialReEncryptionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STATE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    @Inject
    CredentialCipher cipher;
    @Inject
    OrganizationService organizations;
    @Inject
    HostawayCredentialsRepository credentials;
    @Inject
    TenantTransactions transactions;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    /** The keyset before the rotation: only the test keyset's older key. */
    private final CredentialCipher beforeRotation = new CredentialCipher(
            TestKeysets.withoutPrimary(TestKeysets.testOnlyKeyset()));

    @Test
    void rowsUnderTheOlderKeyDecryptAndReEncryptionMovesEveryRowToThePrimaryKey() {
        List<UUID> rotated = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID organizationId = newOrganization();
            store(organizationId, beforeRotation.encrypt(organizationId, secretOf(organizationId)));
            rotated.add(organizationId);
        }
        for (UUID organizationId : rotated) {
            byte[] old = ciphertext(organizationId);
            assertThat(cipher.isUnderPrimaryKey(old)).isFalse();
            assertThat(cipher.decrypt(organizationId, old)).as("before re-encryption").isEqualTo(secretOf(organizationId));
        }

        List<StoredRow> before = storedRows();
        long unreadable = before.stream().filter(row -> !row.decrypts(cipher)).count();

        reEncrypt().statusCode(200)
                .body("primaryKeyId", org.hamcrest.Matchers.equalTo(cipher.primaryKeyId()))
                .body("reEncrypted", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("failed", org.hamcrest.Matchers.equalTo((int) unreadable));

        // every row that any key decrypts is now under the primary key (other tests leave unreadable junk rows)
        assertThat(storedRows()).filteredOn(row -> row.decrypts(cipher)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(row -> assertThat(CredentialCipher.keyIdOf(row.ciphertext())).isEqualTo(cipher.primaryKeyId()));
        OutboxRows outbox = new OutboxRows(pool, mapper);
        for (UUID organizationId : rotated) {
            byte[] now = ciphertext(organizationId);
            assertThat(cipher.decrypt(organizationId, now)).isEqualTo(secretOf(organizationId));
            List<JsonNode> snapshots = outbox.events(organizationId, STATE);
            JsonNode latest = snapshots.get(snapshots.size() - 1);
            EventContracts.assertValid(latest.toString());
            assertThat(latest.at("/data/hostaway/encryptedCredentials").asText())
                    .as("consumers get the new ciphertext").isEqualTo(Base64.getEncoder().encodeToString(now));
        }

        reEncrypt().statusCode(200)
                .body("reEncrypted", org.hamcrest.Matchers.equalTo(0))
                .body("alreadyCurrent", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }

    @Test
    void aSecretThatNoKeyDecryptsIsCountedAsFailedAndLeftAsItIs() {
        UUID organizationId = newOrganization();
        byte[] foreign = new CredentialCipher(TestKeysets.generateAes256Gcm()).encrypt(organizationId, "x");
        store(organizationId, foreign);
        try {
            long unreadable = storedRows().stream().filter(row -> !row.decrypts(cipher)).count();
            assertThat(unreadable).isPositive();

            reEncrypt().statusCode(200).body("failed", org.hamcrest.Matchers.equalTo((int) unreadable));

            assertThat(ciphertext(organizationId)).isEqualTo(foreign);
        } finally {
            pool.preparedQuery("DELETE FROM tenant.hostaway_credentials WHERE organization_id = $1")
                    .execute(Tuple.of(organizationId)).await().atMost(WAIT);
        }
    }

    @Test
    void reEncryptionNeedsTheInternalRole() {
        given().auth().oauth2(TestTokens.tokenWithoutRole()).post("/internal/admin/hostaway-credentials/re-encrypt")
                .then().statusCode(403);
    }

    private ValidatableResponse reEncrypt() {
        return given().auth().oauth2(TestTokens.serviceToken()).post("/internal/admin/hostaway-credentials/re-encrypt")
                .then();
    }

    private UUID newOrganization() {
        String owner = "owner-" + UUID.randomUUID();
        return organizations.createOrGet(owner, owner + "@example.com", "Rotation").await().atMost(WAIT).organization().id();
    }

    private static String secretOf(UUID organizationId) {
        return "secret-of-" + organizationId;
    }

    private void store(UUID organizationId, byte[] ciphertext) {
        transactions.asService(tx -> credentials.upsert(tx, organizationId, "10001", ciphertext)).await().atMost(WAIT);
    }

    private byte[] ciphertext(UUID organizationId) {
        return pool.preparedQuery("SELECT secret_ciphertext FROM tenant.hostaway_credentials WHERE organization_id = $1")
                .execute(Tuple.of(organizationId)).await().atMost(WAIT).iterator().next().getBuffer(0).getBytes();
    }

    private record StoredRow(UUID organizationId, byte[] ciphertext) {

        boolean decrypts(CredentialCipher cipher) {
            try {
                cipher.decrypt(organizationId, ciphertext);
                return true;
            } catch (CredentialDecryptionException e) {
                return false;
            }
        }
    }

    private List<StoredRow> storedRows() {
        List<StoredRow> all = new ArrayList<>();
        pool.query("SELECT organization_id, secret_ciphertext FROM tenant.hostaway_credentials").execute().await()
                .atMost(WAIT).forEach(row -> all.add(new StoredRow(row.getUUID(0), row.getBuffer(1).getBytes())));
        return all;
    }
}
