package com.hostmcp.tenant.messaging;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.hostmcp.platform.messaging.CloudEvent;
import com.hostmcp.platform.messaging.CloudEventCodec;
import com.hostmcp.platform.messaging.MalformedEventException;
import com.hostmcp.tenant.apikey.KeyUsage;
import com.hostmcp.tenant.service.ApiKeyService;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Keeps API keys' last use from the gateway's usage records, a whole poll at a time: the latest use per key in the
 * batch, one statement. Applying a batch twice changes nothing (the time only moves forward), so there is no
 * processed-events bookkeeping. The batch is acknowledged after the commit; a batch that keeps failing goes to the
 * dead-letter topic record by record.
 */
@ApplicationScoped
public class UsageConsumer {

    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);

    private final ApiKeyService keys;
    private final CloudEventCodec codec;

    public UsageConsumer(ApiKeyService keys, CloudEventCodec codec) {
        this.keys = keys;
        this.codec = codec;
    }

    @Incoming(TenantChannels.USAGE)
    @Retry(maxRetries = 10, delay = 200, jitter = 100, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> onUsage(List<String> values) {
        return Uni.createFrom().item(() -> latestUsePerKey(values)).flatMap(keys::recordUsage).replaceWithVoid();
    }

    private List<KeyUsage> latestUsePerKey(List<String> values) {
        Map<UUID, KeyUsage> latest = new HashMap<>();
        for (String value : values) {
            try {
                CloudEvent event = codec.decode(value);
                if (!UsageRecorded.TYPE.equals(event.type())) {
                    continue;
                }
                UsageRecorded usage = codec.data(event, UsageRecorded.class);
                if (usage.keyId() == null || usage.organizationId() == null || usage.occurredAt() == null) {
                    throw new MalformedEventException(
                            "usage record " + event.id() + " lacks keyId, organizationId or occurredAt");
                }
                latest.merge(usage.keyId(), new KeyUsage(usage.keyId(), usage.organizationId(), usage.occurredAt()),
                        (a, b) -> a.lastUsedAt().isAfter(b.lastUsedAt()) ? a : b);
            } catch (MalformedEventException e) {
                // one unreadable record must not hold back the batch; a last-use time is approximate anyway
                LOG.warnf("Skipping an unreadable usage record: %s", e.getMessage());
            }
        }
        return List.copyOf(latest.values());
    }
}
