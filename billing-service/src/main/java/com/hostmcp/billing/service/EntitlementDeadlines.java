package com.hostmcp.billing.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.Entitlement;
import com.hostmcp.billing.EntitlementPolicy.Decision;
import com.hostmcp.billing.repository.AccountRepository;
import com.hostmcp.billing.repository.EntitlementRepository;
import com.hostmcp.billing.repository.StoredSubscription;
import com.hostmcp.billing.repository.SubscriptionRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The entitlement's clock: trials that ended without a subscription (SUSPENDED "trial ended"), grace periods that ran
 * out (SUSPENDED) and subscriptions canceled at period end whose period is over (CANCELED, should Stripe's deletion
 * event be late). Each organization is re-checked under its account lock, so replicas running the job at the same time
 * change it once.
 */
@ApplicationScoped
public class EntitlementDeadlines {

    private static final Logger LOG = Logger.getLogger(EntitlementDeadlines.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final AccountRepository accounts;
    private final EntitlementRepository entitlementRows;
    private final SubscriptionRepository subscriptions;
    private final EntitlementService entitlements;

    public EntitlementDeadlines(Pool pool, AccountRepository accounts, EntitlementRepository entitlementRows,
            SubscriptionRepository subscriptions, EntitlementService entitlements) {
        this.pool = pool;
        this.accounts = accounts;
        this.entitlementRows = entitlementRows;
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
    }

    @Scheduled(every = "${billing.deadline-check-every}", delayed = "${billing.deadline-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        return expire(EntitlementService.now())
                .onFailure().invoke(e -> LOG.warn("Entitlement deadline check failed; retried at the next run", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Applies every deadline that passed before {@code now}; answers how many entitlements changed. */
    public Uni<Integer> expire(Instant now) {
        return entitlementRows.pastDeadline(pool, now, BATCH)
                .flatMap(organizations -> Multi.createFrom().iterable(organizations)
                        .onItem().transformToUniAndConcatenate(id -> expire(id, now))
                        .collect().asList())
                .map(changed -> (int) changed.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> expire(UUID organizationId, Instant now) {
        return pool.withTransaction(tx -> accounts.lock(tx, organizationId)
                .chain(() -> subscriptions.current(tx, organizationId))
                .flatMap(subscription -> entitlements.decide(tx, organizationId,
                        current -> decision(current, subscription, now))))
                .map(Optional::isPresent);
    }

    private Optional<Decision> decision(Entitlement current, Optional<StoredSubscription> subscription, Instant now) {
        if (current.validUntil() == null || current.validUntil().isAfter(now)) {
            return Optional.empty();
        }
        var policy = entitlements.policy();
        return switch (current.state()) {
            case TRIAL -> subscription.filter(s -> s.snapshot().live()).isPresent() ? Optional.empty()
                    : policy.trialEnded(current);
            case PAST_DUE -> policy.graceEnded(current);
            case ACTIVE -> subscription.map(StoredSubscription::snapshot)
                    .filter(s -> s.currentPeriodEnd() != null && !s.currentPeriodEnd().isAfter(now))
                    .flatMap(s -> policy.periodEnded(current, s));
            default -> Optional.empty();
        };
    }
}
