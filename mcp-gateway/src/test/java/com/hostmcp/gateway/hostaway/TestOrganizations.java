package com.hostmcp.gateway.hostaway;

import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.hostmcp.gateway.HostawayStatus;
import com.hostmcp.gateway.OrganizationState;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.standin.hostaway.HostawayStandIn;
import com.hostmcp.testsupport.crypto.TestKeysets;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.smallrye.mutiny.Uni;

/** Organizations connected to stand-in accounts, with credentials encrypted as tenant-service stores them. */
final class TestOrganizations {

    static final Duration WAIT = Duration.ofSeconds(30);

    private static final CredentialCipher CIPHER = new CredentialCipher(TestKeysets.testOnlyKeyset());

    private TestOrganizations() {
    }

    static OrganizationState connected(UUID organizationId, long accountId, String secret) {
        String ciphertext = Base64.getEncoder().encodeToString(CIPHER.encrypt(organizationId, secret));
        return new OrganizationState("Test organization", HostawayStatus.CONNECTED, String.valueOf(accountId),
                ciphertext, null, 1);
    }

    /** The operations of a new organization connected to the account. */
    static HostawayOperations bind(HostawayAccounts accounts, long accountId, String secret, HostawayCallStats stats) {
        UUID organizationId = UUID.randomUUID();
        return accounts.forOrganization(organizationId, connected(organizationId, accountId, secret), stats);
    }

    /** A new stand-in account with 3 listings (ids accountId * 10 000 + 1..3) and its secret. */
    static long newAccount() {
        // one allocator for the whole test JVM, so that no other test shares the token, limits or circuit breaker
        long accountId = TestTenants.newAccountId();
        standIn().addAccount(accountId, secretOf(accountId), 3, 0);
        return accountId;
    }

    static String secretOf(long accountId) {
        return "standin-secret-" + accountId + "-test";
    }

    static long listingOf(long accountId, int n) {
        return accountId * 10_000 + n;
    }

    static HostawayStandIn standIn() {
        return HostawayStandInResource.standIn();
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
