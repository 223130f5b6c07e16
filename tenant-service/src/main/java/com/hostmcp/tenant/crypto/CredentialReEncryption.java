package com.hostmcp.tenant.crypto;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.security.CredentialCipher;
import com.hostmcp.security.CredentialDecryptionException;
import com.hostmcp.tenant.repository.HostawayCredentialsRepository;
import com.hostmcp.tenant.repository.TenantTransactions;
import com.hostmcp.tenant.service.OrganizationStateService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The last step of a key rotation: every stored secret not yet under the keyset's primary key is decrypted and
 * encrypted again with it, one organization per transaction, and the organization's state (which carries the
 * ciphertext) is published again. Running it twice is harmless: the second run finds everything current.
 */
@ApplicationScoped
public class CredentialReEncryption {

    private static final Logger LOG = Logger.getLogger(CredentialReEncryption.class);

    private final TenantTransactions transactions;
    private final HostawayCredentialsRepository credentials;
    private final CredentialCipher cipher;
    private final OrganizationStateService state;

    public CredentialReEncryption(TenantTransactions transactions, HostawayCredentialsRepository credentials,
            CredentialCipher cipher, OrganizationStateService state) {
        this.transactions = transactions;
        this.credentials = credentials;
        this.cipher = cipher;
        this.state = state;
    }

    /**
     * How a run went. {@code failed} counts secrets that no key of the keyset decrypts any more (a key removed too
     * early); they stay as they are and their organizations must connect Hostaway again.
     */
    public record Result(int primaryKeyId, int reEncrypted, int alreadyCurrent, int failed) {
    }

    private enum Outcome {
        RE_ENCRYPTED,
        CURRENT,
        FAILED,
        GONE
    }

    public Uni<Result> reEncryptAll() {
        // system work across all organizations: no organization scope
        return transactions.asService(credentials::listOrganizationIds)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::reEncrypt)
                .collect().asList()
                .map(this::result)
                .invoke(result -> LOG.infof("Re-encrypted Hostaway credentials under key %d: %d moved, %d already"
                        + " current, %d failed", result.primaryKeyId(), result.reEncrypted(), result.alreadyCurrent(),
                        result.failed()));
    }

    private Uni<Outcome> reEncrypt(UUID organizationId) {
        return transactions.asService(tx -> credentials.findForUpdate(tx, organizationId).flatMap(found -> {
            if (found.isEmpty()) {
                // disconnected since the list was read
                return Uni.createFrom().item(Outcome.GONE);
            }
            byte[] ciphertext = found.get().secretCiphertext();
            if (cipher.isUnderPrimaryKey(ciphertext)) {
                return Uni.createFrom().item(Outcome.CURRENT);
            }
            byte[] reEncrypted = cipher.encrypt(organizationId, cipher.decrypt(organizationId, ciphertext));
            return credentials.updateCiphertext(tx, organizationId, reEncrypted)
                    .call(() -> state.publish(tx, organizationId))
                    .replaceWith(Outcome.RE_ENCRYPTED);
        })).onFailure(CredentialDecryptionException.class).recoverWithItem(failure -> {
            LOG.errorf("Hostaway credentials of organization %s do not decrypt with any key of the keyset; left as"
                    + " they are", organizationId);
            return Outcome.FAILED;
        });
    }

    private Result result(List<Outcome> outcomes) {
        return new Result(cipher.primaryKeyId(), count(outcomes, Outcome.RE_ENCRYPTED), count(outcomes, Outcome.CURRENT),
                count(outcomes, Outcome.FAILED));
    }

    private static int count(List<Outcome> outcomes, Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o == outcome).count();
    }
}
