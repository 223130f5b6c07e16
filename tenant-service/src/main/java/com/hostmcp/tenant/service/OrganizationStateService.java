package com.hostmcp.tenant.service;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.HostawayCredentials;
import com.hostmcp.tenant.Organization;
import com.hostmcp.tenant.messaging.OrganizationUpdated;
import com.hostmcp.tenant.messaging.TenantEvents;
import com.hostmcp.tenant.repository.HostawayCredentialsRepository;
import com.hostmcp.tenant.repository.OrganizationRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes an organization's current state (name, Hostaway account, credential ciphertext and status) on the
 * compacted organizations topic. Every change that consumers see goes through {@link #publish}, in the change's own
 * transaction, so the topic never disagrees with the database.
 */
@ApplicationScoped
public class OrganizationStateService {

    private final OrganizationRepository organizations;
    private final HostawayCredentialsRepository credentials;
    private final TenantEvents events;

    public OrganizationStateService(OrganizationRepository organizations, HostawayCredentialsRepository credentials,
            TenantEvents events) {
        this.organizations = organizations;
        this.credentials = credentials;
        this.events = events;
    }

    public Uni<OrganizationUpdated> publish(SqlConnection tx, UUID organizationId) {
        return organizations.nextVersion(tx, organizationId)
                .flatMap(organization -> credentials.find(tx, organizationId)
                        .map(stored -> snapshot(organization, stored)))
                .call(state -> events.organizationState(tx, state));
    }

    static OrganizationUpdated snapshot(Organization organization, Optional<HostawayCredentials> stored) {
        OrganizationUpdated.Hostaway hostaway = stored.map(c -> new OrganizationUpdated.Hostaway(
                c.status() == HostawayCredentials.Status.CONNECTED ? OrganizationUpdated.Hostaway.Status.CONNECTED
                        : OrganizationUpdated.Hostaway.Status.INVALID,
                c.accountId(), Base64.getEncoder().encodeToString(c.secretCiphertext()), c.invalidReason(),
                c.invalidSince(), c.connectedAt()))
                .orElseGet(OrganizationUpdated.Hostaway::notConnected);
        return new OrganizationUpdated(organization.id(), organization.name(), organization.version(), false, hostaway,
                organization.updatedAt());
    }
}
