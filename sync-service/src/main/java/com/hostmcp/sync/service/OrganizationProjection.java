package com.hostmcp.sync.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;
import com.hostmcp.sync.SyncTrigger;
import com.hostmcp.sync.SyncedOrganization;
import com.hostmcp.sync.SyncedOrganization.HostawayStatus;
import com.hostmcp.sync.config.SyncConfig;
import com.hostmcp.sync.messaging.OrganizationUpdated;
import com.hostmcp.sync.repository.OrganizationRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps {@code sync.organizations} equal to the latest snapshot of each organization (highest version wins; a late older
 * one changes nothing) and queues an immediate sync when credentials are connected or replaced, in the same
 * transaction.
 * <p>
 * "Connected or replaced": the status becomes CONNECTED, or the account or {@code connectedAt} changes (tenant-service
 * sets {@code connectedAt} on every connect and replace). A new ciphertext with the same {@code connectedAt} is a key
 * rotation's re-encryption of the same secret and triggers nothing. Credentials connected longer ago than
 * {@code sync.connect-trigger.max-age} trigger nothing either (a rebuilt projection must not sync everyone at once).
 */
@ApplicationScoped
public class OrganizationProjection {

    static final String CONSUMER = "organizations";
    private static final Logger LOG = Logger.getLogger(OrganizationProjection.class);

    private final Pool pool;
    private final OrganizationRepository organizations;
    private final ProcessedEvents processed;
    private final SyncQueue queue;
    private final Duration connectTriggerMaxAge;

    public OrganizationProjection(Pool pool, OrganizationRepository organizations, ProcessedEvents processed,
            SyncQueue queue, SyncConfig config) {
        this.pool = pool;
        this.organizations = organizations;
        this.processed = processed;
        this.queue = queue;
        this.connectTriggerMaxAge = config.connectTrigger().maxAge();
    }

    public Uni<Void> apply(String eventId, OrganizationUpdated snapshot) {
        Optional<SyncedOrganization> incoming = read(snapshot);
        if (incoming.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SyncedOrganization next = incoming.get();
        return pool.withTransaction(tx -> processed.claim(tx, CONSUMER, eventId).flatMap(first -> !first
                ? Uni.createFrom().voidItem()
                : organizations.findForUpdate(tx, next.organizationId()).flatMap(previous -> organizations
                        .store(tx, next)
                        .flatMap(stored -> stored && connectedOrReplaced(previous.orElse(null), next)
                                ? queue.submit(tx, next.organizationId(), SyncTrigger.CREDENTIALS_CONNECTED,
                                        Duration.ZERO).invoke(
                                                runId -> LOG.infof(
                                                        "Credentials of organization %s connected: sync run %s queued",
                                                        next.organizationId(), runId))
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem()))));
    }

    /** The snapshot as a projection row, or empty (logged) when it has a Hostaway status this service does not know. */
    static Optional<SyncedOrganization> read(OrganizationUpdated snapshot) {
        if (snapshot.organizationId() == null || snapshot.version() == null || snapshot.hostaway() == null
                || snapshot.hostaway().status() == null) {
            throw new MalformedEventException("OrganizationUpdated lacks organizationId, version or hostaway.status");
        }
        HostawayStatus status;
        try {
            status = HostawayStatus.valueOf(snapshot.hostaway().status());
        } catch (IllegalArgumentException unknown) {
            LOG.warnf("Organization %s has an unknown Hostaway status %s; snapshot skipped", snapshot.organizationId(),
                    snapshot.hostaway().status());
            return Optional.empty();
        }
        boolean deleted = Boolean.TRUE.equals(snapshot.deleted());
        boolean connected = status == HostawayStatus.CONNECTED && !deleted;
        if (connected && (snapshot.hostaway().accountId() == null
                || snapshot.hostaway().encryptedCredentials() == null)) {
            throw new MalformedEventException("CONNECTED snapshot of " + snapshot.organizationId()
                    + " lacks accountId or encryptedCredentials");
        }
        // the ciphertext is kept only while it can be used
        return Optional.of(new SyncedOrganization(snapshot.organizationId(), snapshot.version(), deleted, status,
                snapshot.hostaway().accountId(), connected ? snapshot.hostaway().encryptedCredentials() : null,
                snapshot.hostaway().connectedAt()));
    }

    private boolean connectedOrReplaced(SyncedOrganization previous, SyncedOrganization next) {
        if (!next.syncable()) {
            return false;
        }
        boolean changed = previous == null || !previous.syncable()
                || !Objects.equals(previous.accountId(), next.accountId())
                || !Objects.equals(previous.connectedAt(), next.connectedAt());
        return changed && (next.connectedAt() == null
                || next.connectedAt().isAfter(Instant.now().minus(connectTriggerMaxAge)));
    }
}
