package com.hostmcp.gateway.projection;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.Entitlement;
import com.hostmcp.gateway.EntitlementState;

/**
 * Latest entitlement per organization from {@code billing.entitlements.v1}; a snapshot whose version is not greater than
 * the one held is ignored.
 */
@ApplicationScoped
public class EntitlementProjection {

    static final String TYPE = "com.hostmcp.billing.EntitlementChanged.v1";

    private final Map<UUID, Entitlement> entitlements = new ConcurrentHashMap<>();
    private final EventDecoder decoder;

    public EntitlementProjection(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /** The organization's latest entitlement, empty if billing has not published one. */
    public Optional<Entitlement> find(UUID organizationId) {
        return organizationId == null ? Optional.empty() : Optional.ofNullable(entitlements.get(organizationId));
    }

    void apply(String recordKey, String value) {
        if (value == null) {
            throw new MalformedRecordException("unexpected tombstone");
        }
        JsonNode data = decoder.data(value, TYPE);
        UUID organizationId = EventDecoder.uuid(data, "organizationId");
        Entitlement incoming = new Entitlement(EventDecoder.enumValue(data, "state", EntitlementState.class),
                EventDecoder.bool(data, "mcpAccess"), EventDecoder.nullableText(data, "reason"),
                EventDecoder.nullableInstant(data, "validUntil"), EventDecoder.version(data));
        entitlements.merge(organizationId, incoming, (held, next) -> next.version() > held.version() ? next : held);
    }
}
