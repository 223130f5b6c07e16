package com.hostmcp.tenant.service;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;
import com.hostmcp.tenant.Entitlement;
import com.hostmcp.tenant.Entitlement.State;
import com.hostmcp.tenant.messaging.EntitlementChanged;
import com.hostmcp.tenant.notification.OwnerNotifier;
import com.hostmcp.tenant.repository.EntitlementRepository;
import com.hostmcp.tenant.repository.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Follows billing's entitlement snapshots and tells the owners when their access is suspended or restored. The event
 * id claim and the version check run in one transaction, so a redelivered or stale snapshot changes nothing and sends
 * no second e-mail; the e-mail goes out after the commit.
 */
@ApplicationScoped
public class EntitlementService {

    /** The name under which this consumer claims event ids. */
    static final String CONSUMER = "entitlements";

    private static final Logger LOG = Logger.getLogger(EntitlementService.class);
    private static final Set<State> UNPAID = Set.of(State.SUSPENDED, State.PAST_DUE);

    private final TenantTransactions transactions;
    private final ProcessedEvents processed;
    private final EntitlementRepository entitlements;
    private final CloudEventCodec codec;
    private final OwnerNotifier notifier;

    public EntitlementService(TenantTransactions transactions, ProcessedEvents processed,
            EntitlementRepository entitlements, CloudEventCodec codec, OwnerNotifier notifier) {
        this.transactions = transactions;
        this.processed = processed;
        this.entitlements = entitlements;
        this.codec = codec;
        this.notifier = notifier;
    }

    /** What the owners are told about a state change. */
    enum Notice {
        SUSPENDED,
        REACTIVATED
    }

    public Uni<Void> apply(CloudEvent event) {
        if (!EntitlementChanged.TYPE.equals(event.type())) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return Uni.createFrom().voidItem();
        }
        EntitlementChanged data = codec.data(event, EntitlementChanged.class);
        if (data.organizationId() == null || data.version() == null || data.changedAt() == null) {
            throw new MalformedEventException("entitlement " + event.id() + " lacks organizationId, version or changedAt");
        }
        Optional<State> state = State.parse(data.state());
        if (state.isEmpty()) {
            LOG.warnf("Entitlement %s has the unknown state %s; ignored", event.id(), data.state());
            return Uni.createFrom().voidItem();
        }
        Entitlement next = new Entitlement(data.organizationId(), state.get(), data.version(), data.changedAt());
        return transactions.asService(tx -> processed.claim(tx, CONSUMER, event.id())
                .flatMap(first -> first ? record(tx, next) : Uni.createFrom().item(Optional.<Notice> empty())))
                .flatMap(notice -> notice.map(n -> notify(n, next, data.reason())).orElseGet(Uni.createFrom()::voidItem));
    }

    private Uni<Optional<Notice>> record(SqlConnection tx, Entitlement next) {
        return entitlements.findForUpdate(tx, next.organizationId())
                .flatMap(previous -> {
                    if (previous.isPresent() && previous.get().version() >= next.version()) {
                        LOG.debugf("Entitlement of %s: version %s is not newer than the stored %s; ignored",
                                next.organizationId(), next.version(), previous.get().version());
                        return Uni.createFrom().item(Optional.<Notice> empty());
                    }
                    return entitlements.saveIfNewer(tx, next)
                            .map(saved -> saved ? noticeFor(previous.map(Entitlement::state), next.state())
                                    : Optional.<Notice> empty());
                });
    }

    /** Owners hear about entering SUSPENDED and about getting back to ACTIVE from an unpaid state, nothing else. */
    static Optional<Notice> noticeFor(Optional<State> previous, State next) {
        if (next == State.SUSPENDED && previous.filter(state -> state == State.SUSPENDED).isEmpty()) {
            return Optional.of(Notice.SUSPENDED);
        }
        if (next == State.ACTIVE && previous.filter(UNPAID::contains).isPresent()) {
            return Optional.of(Notice.REACTIVATED);
        }
        return Optional.empty();
    }

    private Uni<Void> notify(Notice notice, Entitlement entitlement, String reason) {
        return switch (notice) {
            case SUSPENDED -> notifier.entitlementSuspended(entitlement.organizationId(), reason);
            case REACTIVATED -> notifier.entitlementReactivated(entitlement.organizationId(), reason);
        };
    }
}
