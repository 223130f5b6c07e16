package com.hostmcp.tenant.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.Organization;
import com.hostmcp.tenant.messaging.Actor;
import com.hostmcp.tenant.messaging.OrganizationUpdated;
import com.hostmcp.tenant.messaging.TenantEvents;
import com.hostmcp.tenant.repository.OrganizationRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class OrganizationService {

    private final Pool pool;
    private final OrganizationRepository organizations;
    private final TenantEvents events;

    public OrganizationService(Pool pool, OrganizationRepository organizations, TenantEvents events) {
        this.pool = pool;
        this.organizations = organizations;
        this.events = events;
    }

    /** The result of a first or a later login: the user's organization and whether it was just created. */
    public record Registration(Organization organization, boolean created) {
    }

    /**
     * Returns the organization owned by {@code ownerSubject}, creating it on the first call. Idempotent, also under
     * concurrent first logins: exactly one organization and one {@code OrganizationCreated} event per owner.
     */
    public Uni<Registration> createOrGet(String ownerSubject, String name) {
        return pool.withTransaction(tx -> organizations.insertIfOwnerHasNone(tx, UUID.randomUUID(), name.strip(), ownerSubject)
                .flatMap(inserted -> {
                    if (inserted.isEmpty()) {
                        return organizations.findByOwnerSubject(tx, ownerSubject)
                                .map(existing -> new Registration(existing.orElseThrow(), false));
                    }
                    Organization created = inserted.get();
                    return events.organizationCreated(tx, created, Actor.user(ownerSubject))
                            .chain(() -> events.organizationState(tx, created, OrganizationUpdated.Hostaway.notConnected()))
                            .replaceWith(new Registration(created, true));
                }));
    }
}
