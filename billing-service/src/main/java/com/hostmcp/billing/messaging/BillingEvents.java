package com.hostmcp.billing.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.Entitlement;
import com.hostmcp.billing.messaging.BillingEventData.EntitlementChanged;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MessagingConfig;
import com.hostmcp.platform.messaging.Outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Writes billing events to the outbox, in the caller's transaction. */
@ApplicationScoped
public class BillingEvents {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final String source;

    public BillingEvents(Outbox outbox, CloudEventCodec codec, MessagingConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.source = config.source();
    }

    /** The entitlement's full snapshot on the compacted {@link BillingTopics#ENTITLEMENTS} topic. */
    public Uni<Void> entitlementChanged(SqlConnection tx, Entitlement entitlement) {
        String key = entitlement.organizationId().toString();
        var data = new EntitlementChanged(entitlement.organizationId(), entitlement.state(), entitlement.mcpAccess(),
                entitlement.reason(), entitlement.validUntil(), entitlement.version(), entitlement.changedAt());
        return outbox.append(tx, BillingTopics.ENTITLEMENTS, key, codec.create(EntitlementChanged.TYPE, source, key, data));
    }

    /**
     * A domain event on {@link BillingTopics#EVENTS}, keyed by organization; {@code type} is the data record's
     * {@code TYPE} constant (see {@link BillingEventData}).
     */
    public Uni<Void> domainEvent(SqlConnection tx, UUID organizationId, String type, Object data) {
        String key = organizationId.toString();
        return outbox.append(tx, BillingTopics.EVENTS, key, codec.create(type, source, key, data));
    }
}
