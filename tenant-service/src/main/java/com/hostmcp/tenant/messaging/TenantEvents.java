package com.hostmcp.tenant.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MessagingConfig;
import com.hostmcp.platform.messaging.Outbox;
import com.hostmcp.tenant.Organization;
import com.hostmcp.tenant.messaging.TenantEventData.ApiKeyIssued;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Writes tenant events to the outbox, in the caller's transaction. */
@ApplicationScoped
public class TenantEvents {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final String source;

    public TenantEvents(Outbox outbox, CloudEventCodec codec, MessagingConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.source = config.source();
    }

    public Uni<Void> organizationCreated(SqlConnection tx, Organization organization, Actor actor) {
        var data = new OrganizationCreated(organization.id(), organization.name(), organization.ownerSubject(), actor);
        return domainEvent(tx, organization.id(), OrganizationCreated.TYPE, data);
    }

    /**
     * A domain event on {@link TenantTopics#EVENTS}, keyed by organization; {@code type} is the data record's
     * {@code TYPE} constant (see {@link TenantEventData}).
     */
    public Uni<Void> domainEvent(SqlConnection tx, UUID organizationId, String type, Object data) {
        String key = organizationId.toString();
        return outbox.append(tx, TenantTopics.EVENTS, key, codec.create(type, source, key, data));
    }

    /** The organization's full current state for the compacted {@link TenantTopics#ORGANIZATIONS} topic. */
    public Uni<Void> organizationState(SqlConnection tx, OrganizationUpdated state) {
        String key = state.organizationId().toString();
        return outbox.append(tx, TenantTopics.ORGANIZATIONS, key,
                codec.create(OrganizationUpdated.TYPE, source, key, state));
    }

    /** An active key on the compacted {@link TenantTopics#API_KEYS} topic, keyed by its hash. */
    public Uni<Void> apiKeyIssued(SqlConnection tx, ApiKeyIssued key) {
        return outbox.append(tx, TenantTopics.API_KEYS, key.keyHash(),
                codec.create(ApiKeyIssued.TYPE, source, key.organizationId().toString(), key));
    }

    /** Removes a revoked key from every projection: a tombstone for its hash. */
    public Uni<Void> apiKeyRevoked(SqlConnection tx, String keyHash) {
        return outbox.appendTombstone(tx, TenantTopics.API_KEYS, keyHash);
    }
}
