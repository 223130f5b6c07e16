package com.hostmcp.sync.service;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.hostmcp.security.CredentialCipher;
import com.hostmcp.security.CredentialDecryptionException;
import com.hostmcp.sync.ListingCount;
import com.hostmcp.sync.SyncOutcome;
import com.hostmcp.sync.SyncedOrganization;
import com.hostmcp.sync.hostaway.HostawayRejectedException;
import com.hostmcp.sync.hostaway.HostawayUnavailableException;
import com.hostmcp.sync.hostaway.ListingCounter;
import com.hostmcp.sync.messaging.HostawayCredentialsRejected;
import com.hostmcp.sync.messaging.ListingCountSynced;
import com.hostmcp.sync.messaging.SyncEvents;
import com.hostmcp.sync.repository.OrganizationRepository;
import com.hostmcp.sync.repository.SyncRunRepository;
import com.hostmcp.sync.repository.SyncRunRepository.ClaimedRun;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Executes one claimed run on a worker thread: reads the organization's current credentials, counts its listings and
 * records the outcome together with its event (one transaction): SUCCEEDED publishes {@code ListingCountSynced};
 * CREDENTIALS_REJECTED publishes {@code HostawayCredentialsRejected}; FAILED publishes nothing (the contract's count
 * event describes successful counts only). Every failure ends this run only; the worker goes on with the next.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REASON = 1000;

    private final Pool pool;
    private final OrganizationRepository organizations;
    private final SyncRunRepository runs;
    private final CredentialCipher cipher;
    private final ListingCounter counter;
    private final SyncEvents events;
    private final SyncMetrics metrics;

    public SyncRunner(Pool pool, OrganizationRepository organizations, SyncRunRepository runs, CredentialCipher cipher,
            ListingCounter counter, SyncEvents events, SyncMetrics metrics) {
        this.pool = pool;
        this.organizations = organizations;
        this.runs = runs;
        this.cipher = cipher;
        this.counter = counter;
        this.events = events;
        this.metrics = metrics;
    }

    /** The result a run is recorded with. */
    private record Result(SyncOutcome outcome, String reason, ListingCount count, String accountId,
            HostawayRejectedException rejection) {

        static Result failed(String reason, String accountId) {
            return new Result(SyncOutcome.FAILED, reason, null, accountId, null);
        }
    }

    public void execute(ClaimedRun run) {
        long started = System.nanoTime();
        Result result = count(run);
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        record(run, result, durationMs);
    }

    private Result count(ClaimedRun run) {
        Optional<SyncedOrganization> found = organizations.find(pool, run.organizationId()).await().atMost(DB_TIMEOUT);
        if (found.isEmpty()) {
            return Result.failed("organization unknown: no snapshot of it has reached sync-service", null);
        }
        SyncedOrganization organization = found.get();
        if (!organization.syncable()) {
            return Result.failed(organization.deleted() ? "organization deleted"
                    : organization.hostawayStatus() == SyncedOrganization.HostawayStatus.INVALID
                            ? "Hostaway credentials are invalid: the owner must connect them again"
                            : "Hostaway is not connected",
                    organization.accountId());
        }
        String secret;
        try {
            secret = cipher.decrypt(organization.organizationId(),
                    Base64.getDecoder().decode(organization.encryptedCredentials()));
        } catch (CredentialDecryptionException | IllegalArgumentException e) {
            LOG.errorf("Credentials of organization %s cannot be decrypted with this service's keyset",
                    organization.organizationId());
            return Result.failed("stored credentials cannot be decrypted (keyset out of date?)",
                    organization.accountId());
        }
        try {
            ListingCount count = counter.count(organization.accountId(), secret);
            return new Result(SyncOutcome.SUCCEEDED, null, count, organization.accountId(), null);
        } catch (HostawayRejectedException e) {
            return new Result(SyncOutcome.CREDENTIALS_REJECTED, e.getMessage(), null, organization.accountId(), e);
        } catch (HostawayUnavailableException e) {
            return Result.failed("Hostaway unavailable after retries: " + e.getMessage(), organization.accountId());
        } catch (FaultToleranceException e) {
            return Result.failed("Hostaway did not answer in time (" + e.getClass().getSimpleName() + ")",
                    organization.accountId());
        }
    }

    private void record(ClaimedRun run, Result result, long durationMs) {
        String reason = result.reason() == null ? null
                : result.reason().substring(0, Math.min(result.reason().length(), MAX_REASON));
        boolean recorded = pool.withTransaction(tx -> runs.finish(tx, run, result.outcome(), reason, result.count(),
                result.accountId(), durationMs)
                .flatMap(finishedAt -> {
                    if (finishedAt.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> event = switch (result.outcome()) {
                        case SUCCEEDED -> events.listingCountSynced(tx, new ListingCountSynced(run.organizationId(),
                                run.runId(), run.trigger(), result.count().active(), result.count().total(),
                                durationMs, finishedAt.get()));
                        case CREDENTIALS_REJECTED -> events.credentialsRejected(tx, new HostawayCredentialsRejected(
                                run.organizationId(), result.accountId(), result.rejection().httpStatus(),
                                HostawayCredentialsRejected.DETECTED_BY, reason, finishedAt.get()),
                                run.runId().toString());
                        case FAILED -> Uni.createFrom().voidItem();
                    };
                    return event.replaceWith(true);
                }))
                .await().atMost(DB_TIMEOUT);
        if (!recorded) {
            LOG.warnf("Sync run %s outlived its lease and was recorded as abandoned; its result is dropped", run.runId());
            return;
        }
        metrics.runFinished(run.trigger(), result.outcome(), durationMs);
        if (result.outcome() == SyncOutcome.SUCCEEDED) {
            LOG.infof("Sync run %s (%s) of organization %s: %d active of %d listings in %d ms", run.runId(),
                    run.trigger(), run.organizationId(), result.count().active(), result.count().total(), durationMs);
        } else {
            LOG.warnf("Sync run %s (%s) of organization %s ended %s: %s", run.runId(), run.trigger(),
                    run.organizationId(), result.outcome(), reason);
        }
    }
}
