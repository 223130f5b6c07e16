package com.hostmcp.tenant.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;
import com.hostmcp.security.CredentialCipher;
import com.hostmcp.security.CredentialDecryptionException;
import com.hostmcp.tenant.HostawayCredentials;
import com.hostmcp.tenant.HostawayCredentials.Status;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.hostaway.HostawayCredentialCheck;
import com.hostmcp.tenant.hostaway.HostawayRejectedException;
import com.hostmcp.tenant.hostaway.HostawayUnavailableException;
import com.hostmcp.tenant.messaging.Actor;
import com.hostmcp.tenant.messaging.HostawayCredentialsRejected;
import com.hostmcp.tenant.messaging.TenantEventData.HostawayCredentialsConnected;
import com.hostmcp.tenant.messaging.TenantEventData.HostawayCredentialsDisconnected;
import com.hostmcp.tenant.messaging.TenantEventData.HostawayCredentialsInvalidated;
import com.hostmcp.tenant.messaging.TenantEvents;
import com.hostmcp.tenant.repository.HostawayCredentialsRepository;
import com.hostmcp.tenant.repository.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * An organization's Hostaway connection: connect (or replace) after Hostaway accepted the credentials, test the stored
 * ones again, disconnect, and mark them invalid when another service saw Hostaway reject them. Every change stores the
 * credentials, writes its domain event and publishes the organization's new state in one transaction; Hostaway is
 * asked outside of any transaction.
 */
@ApplicationScoped
public class HostawayCredentialService {

    /** The name under which the credential-failure consumer claims event ids. */
    static final String FAILURE_CONSUMER = "hostaway-credential-failures";

    private static final Logger LOG = Logger.getLogger(HostawayCredentialService.class);
    /** The column's limit. */
    private static final int MAX_REASON_LENGTH = 500;

    private final TenantTransactions transactions;
    private final OrganizationAccess access;
    private final HostawayCredentialsRepository credentials;
    private final CredentialCipher cipher;
    private final HostawayCredentialCheck hostaway;
    private final OrganizationStateService state;
    private final TenantEvents events;
    private final ProcessedEvents processed;
    private final CloudEventCodec codec;
    private final Event<CredentialsInvalidatedNotice> invalidatedNotices;

    public HostawayCredentialService(TenantTransactions transactions, OrganizationAccess access,
            HostawayCredentialsRepository credentials, CredentialCipher cipher, HostawayCredentialCheck hostaway,
            OrganizationStateService state, TenantEvents events, ProcessedEvents processed, CloudEventCodec codec,
            Event<CredentialsInvalidatedNotice> invalidatedNotices) {
        this.transactions = transactions;
        this.access = access;
        this.credentials = credentials;
        this.cipher = cipher;
        this.hostaway = hostaway;
        this.state = state;
        this.events = events;
        this.processed = processed;
        this.codec = codec;
        this.invalidatedNotices = invalidatedNotices;
    }

    /** The stored credentials (any member may see their status), or empty when Hostaway is not connected. */
    public Uni<Optional<HostawayCredentials>> find(UUID organizationId, String subject) {
        return transactions.inOrganization(organizationId, tx -> access
                .require(tx, organizationId, subject, MemberRole.MEMBER)
                .flatMap(member -> credentials.find(tx, organizationId)));
    }

    /**
     * Connects Hostaway, or replaces the connected account or secret, once Hostaway has accepted the credentials.
     * Rejected credentials are a 422 and Hostaway being unavailable a 503; in both cases nothing is stored.
     */
    public Uni<HostawayCredentials> connect(UUID organizationId, String subject, String accountId, String secretKey) {
        Actor actor = Actor.user(subject);
        // the role is checked before Hostaway is asked, so that members cannot use the endpoint to probe credentials
        return transactions.inOrganization(organizationId, tx -> requireManager(tx, organizationId, subject))
                .flatMap(manager -> checked(hostaway.verify(accountId, secretKey))
                        .onFailure(HostawayRejectedException.class)
                        .transform(rejected -> TenantProblem.unprocessable("Hostaway rejected the account id or the"
                                + " secret key; nothing was stored. Check both in Hostaway (Settings, Hostaway API).")))
                .flatMap(accepted -> transactions.inOrganization(organizationId, tx -> requireManager(tx, organizationId,
                        subject)
                        .flatMap(manager -> credentials.find(tx, organizationId))
                        .flatMap(previous -> credentials
                                .upsert(tx, organizationId, accountId, cipher.encrypt(organizationId, secretKey))
                                .call(stored -> events.domainEvent(tx, organizationId, HostawayCredentialsConnected.TYPE,
                                        new HostawayCredentialsConnected(organizationId, accountId, previous.isPresent(),
                                                actor)))
                                .call(stored -> state.publish(tx, organizationId)))));
    }

    /**
     * Asks Hostaway again whether the stored credentials work and records the answer: CONNECTED, or INVALID with the
     * reason. Hostaway being unavailable is a 503 and changes nothing.
     *
     * @return the credentials as they are afterwards (empty if they were disconnected meanwhile)
     */
    public Uni<Optional<HostawayCredentials>> test(UUID organizationId, String subject) {
        Actor actor = Actor.user(subject);
        return transactions.inOrganization(organizationId, tx -> requireManager(tx, organizationId, subject)
                .flatMap(manager -> credentials.find(tx, organizationId)))
                .map(found -> found.orElseThrow(() -> TenantProblem.conflict(
                        "Hostaway is not connected: connect an account before testing it")))
                .flatMap(stored -> checked(hostaway.verify(stored.accountId(), secretOf(stored)))
                        .replaceWith(Verdict.VALID)
                        .onFailure(HostawayRejectedException.class)
                        .recoverWithItem(rejected -> Verdict.rejected((HostawayRejectedException) rejected))
                        .flatMap(verdict -> transactions.inOrganization(organizationId, tx -> requireManager(tx,
                                organizationId, subject)
                                .flatMap(manager -> credentials.setStatusIfUnchanged(tx, organizationId,
                                        stored.secretCiphertext(), verdict.status(), verdict.reason()))
                                .call(changed -> changed.isPresent() ? announce(tx, changed.get(), actor)
                                        : Uni.createFrom().voidItem()))))
                .invoke(changed -> changed.filter(c -> c.status() == Status.INVALID).ifPresent(this::notifyOwners))
                .flatMap(changed -> changed.isPresent() ? Uni.createFrom().item(changed)
                        // unchanged, or replaced or removed meanwhile: answer with what is stored now
                        : transactions.inOrganization(organizationId, tx -> credentials.find(tx, organizationId)));
    }

    /** Removes the credentials; disconnecting an organization that is not connected changes nothing. */
    public Uni<Void> disconnect(UUID organizationId, String subject) {
        Actor actor = Actor.user(subject);
        return transactions.inOrganization(organizationId, tx -> requireManager(tx, organizationId, subject)
                .flatMap(manager -> credentials.delete(tx, organizationId))
                .flatMap(removed -> removed.isEmpty() ? Uni.createFrom().voidItem()
                        : events.domainEvent(tx, organizationId, HostawayCredentialsDisconnected.TYPE,
                                new HostawayCredentialsDisconnected(organizationId, removed.get().accountId(), actor))
                                .call(() -> state.publish(tx, organizationId))
                                .replaceWithVoid()));
    }

    /**
     * Applies a {@code HostawayCredentialsRejected} event: the credentials it names turn INVALID, once. A redelivery,
     * credentials that are already INVALID, or credentials connected since (another account, or after the rejection)
     * change nothing and publish nothing.
     */
    public Uni<Void> recordRejection(CloudEvent event) {
        if (!HostawayCredentialsRejected.TYPE.equals(event.type())) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return Uni.createFrom().voidItem();
        }
        HostawayCredentialsRejected rejection = codec.data(event, HostawayCredentialsRejected.class);
        if (rejection.organizationId() == null || rejection.accountId() == null || rejection.detectedBy() == null
                || rejection.detectedAt() == null) {
            throw new MalformedEventException("credential failure " + event.id()
                    + " lacks organizationId, accountId, detectedBy or detectedAt");
        }
        String reason = truncated("Hostaway answered " + rejection.httpStatus() + " to " + rejection.detectedBy()
                + (rejection.reason() == null ? "" : ": " + rejection.reason()));
        Actor actor = new Actor(Actor.Type.SERVICE, rejection.detectedBy());
        return transactions.asService(tx -> processed.claim(tx, FAILURE_CONSUMER, event.id())
                .flatMap(first -> first
                        ? credentials.markInvalidAfterRejection(tx, rejection.organizationId(), rejection.accountId(),
                                rejection.detectedAt(), reason)
                                .call(changed -> changed.isPresent() ? announce(tx, changed.get(), actor)
                                        : Uni.createFrom().voidItem())
                        : Uni.createFrom().item(Optional.<HostawayCredentials> empty())))
                .invoke(changed -> changed.ifPresent(this::notifyOwners))
                .replaceWithVoid();
    }

    private Uni<?> requireManager(SqlConnection tx, UUID organizationId, String subject) {
        return access.require(tx, organizationId, subject, MemberRole.ADMIN);
    }

    /** The domain event of a status change and the organization's new state, in the change's transaction. */
    private Uni<Void> announce(SqlConnection tx, HostawayCredentials changed, Actor actor) {
        UUID organizationId = changed.organizationId();
        Uni<Void> event = changed.status() == Status.INVALID
                ? events.domainEvent(tx, organizationId, HostawayCredentialsInvalidated.TYPE,
                        new HostawayCredentialsInvalidated(organizationId, changed.accountId(), changed.invalidReason(),
                                actor))
                // valid again after a test: connected, with the same credentials
                : events.domainEvent(tx, organizationId, HostawayCredentialsConnected.TYPE,
                        new HostawayCredentialsConnected(organizationId, changed.accountId(), false, actor));
        return event.call(() -> state.publish(tx, organizationId));
    }

    private void notifyOwners(HostawayCredentials invalid) {
        invalidatedNotices.fire(new CredentialsInvalidatedNotice(invalid.organizationId(), invalid.accountId(),
                invalid.invalidReason()));
    }

    private String secretOf(HostawayCredentials stored) {
        try {
            return cipher.decrypt(stored.organizationId(), stored.secretCiphertext());
        } catch (CredentialDecryptionException e) {
            LOG.errorf("Stored Hostaway credentials of organization %s do not decrypt: was a key removed from the"
                    + " keyset before re-encryption?", stored.organizationId());
            throw TenantProblem.conflict("the stored Hostaway credentials can no longer be read; connect the account"
                    + " again");
        }
    }

    /** Hostaway's answer as seen by the caller: unavailable (including timeouts) becomes a 503 with Retry-After. */
    private static Uni<Void> checked(Uni<Void> verification) {
        return verification
                .onFailure(HostawayUnavailableException.class)
                .transform(e -> TenantProblem.unavailable("Hostaway could not check the credentials (" + e.getMessage()
                        + "); nothing was changed. Try again later.",
                        ((HostawayUnavailableException) e).retryAfterSeconds()))
                .onFailure(TimeoutException.class)
                .transform(e -> TenantProblem.unavailable("Hostaway did not answer in time; nothing was changed."
                        + " Try again later.", HostawayUnavailableException.DEFAULT_RETRY_AFTER_SECONDS));
    }

    private static String truncated(String text) {
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    /** What a test found: valid, or rejected with a reason. */
    private record Verdict(Status status, String reason) {

        static final Verdict VALID = new Verdict(Status.CONNECTED, null);

        static Verdict rejected(HostawayRejectedException rejected) {
            return new Verdict(Status.INVALID, truncated("Hostaway rejected the credentials when tested ("
                    + rejected.getMessage() + ")"));
        }
    }
}
