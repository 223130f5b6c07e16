package com.hostmcp.gateway.hostaway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.GatewayTopics;
import com.hostmcp.gateway.events.GatewayEventPublisher;

/**
 * Publishes {@code com.hostmcp.hostaway.HostawayCredentialsRejected.v1} when Hostaway refuses an organization's
 * credentials, so that tenant-service marks them invalid. The gateway has no database (no outbox): it goes through the
 * gateway's event publisher (idempotent producer, never blocks the caller). Several reports for one organization are
 * harmless (the consumer acts once), so each account is reported at most once per
 * {@code credential-failure-report-interval}.
 */
@ApplicationScoped
public class CredentialFailureReporter {

    static final String TYPE = "com.hostmcp.hostaway.HostawayCredentialsRejected.v1";

    private static final Logger LOG = Logger.getLogger(CredentialFailureReporter.class);

    private final GatewayEventPublisher events;
    private final ObjectMapper mapper;
    private final long intervalNanos;
    private final Map<String, Long> lastReportNanos = new ConcurrentHashMap<>();

    CredentialFailureReporter(GatewayEventPublisher events, HostawayClientConfig config, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
        this.intervalNanos = config.credentialFailureReportInterval().toNanos();
    }

    /**
     * Reports in the background (never blocks the caller, never fails it).
     *
     * @param reason what happened, without secrets or tokens
     */
    void report(UUID organizationId, String accountId, int httpStatus, String reason) {
        long now = System.nanoTime();
        boolean due = lastReportNanos.compute(accountId,
                (id, last) -> last == null || now - last >= intervalNanos ? now : last) == now;
        if (!due) {
            return;
        }
        LOG.warnf("Hostaway rejected the credentials of organization %s (account %s): %s", organizationId, accountId,
                reason);
        if (!events.tryReserve(1)) {
            // the next failing call reports again once the buffer drains; sync-service reports independently
            LOG.warnf("Event buffer full: %s for organization %s not published now", TYPE, organizationId);
            lastReportNanos.remove(accountId);
            return;
        }
        String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode data = mapper.createObjectNode()
                .put("organizationId", organizationId.toString())
                .put("accountId", accountId)
                .put("httpStatus", httpStatus)
                .put("detectedBy", "mcp-gateway")
                .put("reason", reason)
                .put("detectedAt", at);
        events.publish(GatewayTopics.CREDENTIAL_FAILURES, organizationId, TYPE, data, null);
    }
}
