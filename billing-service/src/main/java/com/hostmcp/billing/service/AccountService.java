package com.hostmcp.billing.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.hostmcp.billing.config.BillingConfig;
import com.hostmcp.billing.messaging.OrganizationCreated;
import com.hostmcp.billing.repository.AccountRepository;
import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.platform.messaging.ProcessedEvents;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Opens a billing account with its trial for every new organization. */
@ApplicationScoped
public class AccountService {

    /** The name under which tenant events are claimed. */
    static final String CONSUMER = "tenant-events";

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    private final Pool pool;
    private final ProcessedEvents processed;
    private final AccountRepository accounts;
    private final EntitlementService entitlements;
    private final CloudEventCodec codec;
    private final BillingConfig config;

    public AccountService(Pool pool, ProcessedEvents processed, AccountRepository accounts,
            EntitlementService entitlements, CloudEventCodec codec, BillingConfig config) {
        this.pool = pool;
        this.processed = processed;
        this.accounts = accounts;
        this.entitlements = entitlements;
        this.codec = codec;
        this.config = config;
    }

    /**
     * Applies a tenant event: {@code OrganizationCreated} opens the account and its trial (from the organization's
     * creation time), other types are not billing's business. The event id is claimed in the same transaction, and the
     * account is opened only if absent, so a redelivery or a second creation event changes nothing.
     */
    public Uni<Void> apply(CloudEvent event) {
        if (!OrganizationCreated.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        OrganizationCreated data = codec.data(event, OrganizationCreated.class);
        if (data.organizationId() == null) {
            throw new MalformedEventException("OrganizationCreated " + event.id() + " has no organizationId");
        }
        Instant created = event.time() != null ? event.time().toInstant() : Instant.now();
        Instant trialEnd = created.plus(config.trial().length()).truncatedTo(ChronoUnit.MILLIS);
        return pool.withTransaction(tx -> processed.claim(tx, CONSUMER, event.id())
                .flatMap(first -> !first ? Uni.createFrom().voidItem()
                        : accounts.openIfAbsent(tx, data.organizationId(), trialEnd)
                                .flatMap(opened -> opened
                                        ? entitlements.openTrial(tx, data.organizationId(), trialEnd)
                                                .invoke(() -> LOG.infof("Opened the billing account of %s, trial until %s",
                                                        data.organizationId(), trialEnd))
                                                .replaceWithVoid()
                                        : Uni.createFrom().voidItem())));
    }
}
