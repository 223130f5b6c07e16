package com.hostmcp.sync.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MessagingConfig;
import com.hostmcp.platform.messaging.Outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Writes sync-service's events into the outbox, in the caller's transaction (the run's final state and its event
 * commit together). Keyed and with subject = organization id; the run id is the correlation id.
 */
@ApplicationScoped
public class SyncEvents {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final String source;

    public SyncEvents(Outbox outbox, CloudEventCodec codec, MessagingConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.source = config.source();
    }

    public Uni<Void> listingCountSynced(SqlConnection tx, ListingCountSynced data) {
        CloudEvent event = codec.create(ListingCountSynced.TYPE, source, data.organizationId().toString(), data)
                .withCorrelationId(data.runId().toString());
        return outbox.append(tx, SyncTopics.LISTING_COUNTS, data.organizationId().toString(), event);
    }

    public Uni<Void> credentialsRejected(SqlConnection tx, HostawayCredentialsRejected data, String runId) {
        CloudEvent event = codec.create(HostawayCredentialsRejected.TYPE, source, data.organizationId().toString(), data)
                .withCorrelationId(runId);
        return outbox.append(tx, SyncTopics.CREDENTIAL_FAILURES, data.organizationId().toString(), event);
    }
}
