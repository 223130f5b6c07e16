package com.hostmcp.tenant.service;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.Organization;
import com.hostmcp.tenant.messaging.Actor;
import com.hostmcp.tenant.messaging.TenantEventData.MemberAdded;
import com.hostmcp.tenant.messaging.TenantEventData.OrganizationRenamed;
import com.hostmcp.tenant.messaging.TenantEvents;
import com.hostmcp.tenant.repository.MemberRepository;
import com.hostmcp.tenant.repository.OrganizationRepository;
import com.hostmcp.tenant.repository.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

@ApplicationScoped
public class OrganizationService {

    private final TenantTransactions transactions;
    private final OrganizationRepository organizations;
    private final MemberRepository members;
    private final OrganizationStateService state;
    private final TenantEvents events;
    private final OrganizationAccess access;

    public OrganizationService(TenantTransactions transactions, OrganizationRepository organizations,
            MemberRepository members, OrganizationStateService state, TenantEvents events, OrganizationAccess access) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.members = members;
        this.state = state;
        this.events = events;
        this.access = access;
    }

    /** The result of a first or a later login: the user's organization and whether it was just created. */
    public record Registration(Organization organization, MemberRole role, boolean created) {
    }

    /**
     * Returns the organization of the signed-in user: the one they are a member of, the one that invited their e-mail
     * (first login links the invitation), or else a new one they own. Idempotent on the subject, also under concurrent
     * first logins: exactly one organization and one {@code OrganizationCreated} event per owner.
     */
    public Uni<Registration> createOrGet(String subject, String email, String name) {
        String normalizedEmail = email.strip().toLowerCase(Locale.ROOT);
        // first login happens before the user has an organization to scope to: a system transaction
        return transactions.asService(tx -> members.findBySubject(tx, subject)
                .flatMap(member -> member.isPresent()
                        ? existing(tx, member.get().organizationId(), member.get().role())
                        : members.claimInvitation(tx, normalizedEmail, subject)
                                .flatMap(invited -> invited.isPresent()
                                        ? existing(tx, invited.get().organizationId(), invited.get().role())
                                        : create(tx, subject, normalizedEmail, name.strip()))));
    }

    /** An organization as one of its members sees it. */
    public record Membership(Organization organization, MemberRole role) {
    }

    public Uni<Membership> find(UUID organizationId, String actingUser) {
        return transactions.inOrganization(organizationId,
                tx -> access.require(tx, organizationId, actingUser, MemberRole.MEMBER)
                        .flatMap(member -> organizations.findById(tx, organizationId)
                                .map(found -> new Membership(found.orElseThrow(), member.role()))));
    }

    /** Renames the organization (admins and owners); consumers get the event and the new state. */
    public Uni<Membership> rename(UUID organizationId, String actingUser, String name) {
        String newName = name.strip();
        return transactions.inOrganization(organizationId, tx -> organizations.findByIdForUpdate(tx, organizationId)
                .flatMap(current -> access.require(tx, organizationId, actingUser, MemberRole.ADMIN)
                        .flatMap(member -> {
                            Organization before = current.orElseThrow();
                            if (before.name().equals(newName)) {
                                return Uni.createFrom().item(new Membership(before, member.role()));
                            }
                            return organizations.rename(tx, organizationId, newName)
                                    .call(renamed -> events.domainEvent(tx, organizationId, OrganizationRenamed.TYPE,
                                            new OrganizationRenamed(organizationId, newName, before.name(),
                                                    Actor.user(actingUser))))
                                    .call(renamed -> state.publish(tx, organizationId))
                                    .map(renamed -> new Membership(renamed, member.role()));
                        })));
    }

    private Uni<Registration> existing(SqlConnection tx, UUID organizationId, MemberRole role) {
        return organizations.findById(tx, organizationId)
                .map(organization -> new Registration(organization.orElseThrow(), role, false));
    }

    private Uni<Registration> create(SqlConnection tx, String subject, String email, String name) {
        return organizations.insertIfOwnerHasNone(tx, UUID.randomUUID(), name, subject)
                .flatMap(inserted -> {
                    if (inserted.isEmpty()) {
                        // a concurrent first login of the same user created it a moment ago
                        return organizations.findByOwnerSubject(tx, subject)
                                .map(existing -> new Registration(existing.orElseThrow(), MemberRole.OWNER, false));
                    }
                    Organization created = inserted.get();
                    Actor actor = Actor.user(subject);
                    return members.insert(tx, created.id(), email, subject, MemberRole.OWNER)
                            .call(owner -> events.organizationCreated(tx, created, actor))
                            .call(owner -> events.domainEvent(tx, created.id(), MemberAdded.TYPE,
                                    new MemberAdded(created.id(), owner.id(), owner.email(), owner.role(), actor)))
                            .flatMap(owner -> state.publish(tx, created.id()))
                            .map(published -> new Registration(created, MemberRole.OWNER, true));
                });
    }
}
