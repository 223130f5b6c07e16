package com.hostmcp.gateway.projection;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.HostawayStatus;
import com.hostmcp.gateway.OrganizationState;

/**
 * Latest snapshot per organization from {@code tenant.organizations.v1}. A snapshot whose version is not greater than
 * the one held is ignored (late re-relay, replay). A deleted organization is kept as a versioned marker so that an
 * older snapshot cannot bring it back, and {@link #find} no longer returns it.
 */
@ApplicationScoped
public class OrganizationProjection {

    static final String TYPE = "com.hostmcp.tenant.OrganizationUpdated.v1";

    /** {@code state} is null for a deleted organization. */
    private record Versioned(long version, OrganizationState state) {
    }

    private final Map<UUID, Versioned> organizations = new ConcurrentHashMap<>();
    private final EventDecoder decoder;

    public OrganizationProjection(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /** The organization's latest snapshot, empty if unknown or deleted. */
    public Optional<OrganizationState> find(UUID organizationId) {
        if (organizationId == null) {
            return Optional.empty();
        }
        Versioned held = organizations.get(organizationId);
        return held == null ? Optional.empty() : Optional.ofNullable(held.state());
    }

    void apply(String recordKey, String value) {
        if (value == null) {
            throw new MalformedRecordException("unexpected tombstone");
        }
        JsonNode data = decoder.data(value, TYPE);
        UUID organizationId = EventDecoder.uuid(data, "organizationId");
        long version = EventDecoder.version(data);
        boolean deleted = EventDecoder.bool(data, "deleted");
        OrganizationState state = null;
        if (!deleted) {
            JsonNode hostaway = data.get("hostaway");
            if (hostaway == null || !hostaway.isObject()) {
                throw new MalformedRecordException("field hostaway missing or not an object");
            }
            state = new OrganizationState(EventDecoder.text(data, "name"),
                    EventDecoder.enumValue(hostaway, "status", HostawayStatus.class),
                    EventDecoder.nullableText(hostaway, "accountId"),
                    EventDecoder.nullableText(hostaway, "encryptedCredentials"),
                    EventDecoder.nullableText(hostaway, "invalidReason"), version);
        }
        Versioned candidate = new Versioned(version, state);
        organizations.merge(organizationId, candidate,
                (held, incoming) -> incoming.version() > held.version() ? incoming : held);
    }
}
