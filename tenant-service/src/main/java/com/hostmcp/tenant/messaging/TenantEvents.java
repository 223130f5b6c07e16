package com.hostmcp.tenant.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MessagingConfig;
import com.hostmcp.platform.messaging.Outbox;
import com.hostmcp.tenant.Organization;

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
        return publish(tx, TenantTopics.EVENTS, organization, OrganizationCreated.TYPE, data);
    }

    /** The organization's current state for the compacted topic. */
    public Uni<Void> organizationState(SqlConnection tx, Organization organization, OrganizationUpdated.Hostaway hostaway) {
        var data = new OrganizationUpdated(organization.id(), organization.name(), organization.version(), false, hostaway,
                organization.updatedAt());
        return publish(tx, TenantTopics.ORGANIZATIONS, organization, OrganizationUpdated.TYPE, data);
    }

    private Uni<Void> publish(SqlConnection tx, String topic, Organization organization, String type, Object data) {
        String key = organization.id().toString();
        return outbox.append(tx, topic, key, codec.create(type, source, key, data));
    }
}
