package com.hostmcp.tenant.service;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.Member;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.messaging.Actor;
import com.hostmcp.tenant.messaging.TenantEventData.MemberAdded;
import com.hostmcp.tenant.messaging.TenantEventData.MemberRemoved;
import com.hostmcp.tenant.messaging.TenantEventData.MemberRoleChanged;
import com.hostmcp.tenant.messaging.TenantEvents;
import com.hostmcp.tenant.repository.MemberRepository;
import com.hostmcp.tenant.repository.OrganizationRepository;
import com.hostmcp.tenant.repository.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The people of an organization and their roles. Admins and owners manage members; only owners grant, revoke or remove
 * the owner role; an organization always keeps at least one owner. Changes lock the organization row first, so that
 * the last-owner rule also holds under concurrent requests.
 */
@ApplicationScoped
public class MemberService {

    private final TenantTransactions transactions;
    private final OrganizationAccess access;
    private final OrganizationRepository organizations;
    private final MemberRepository members;
    private final TenantEvents events;

    public MemberService(TenantTransactions transactions, OrganizationAccess access,
            OrganizationRepository organizations, MemberRepository members, TenantEvents events) {
        this.transactions = transactions;
        this.access = access;
        this.organizations = organizations;
        this.members = members;
        this.events = events;
    }

    public Uni<List<Member>> list(UUID organizationId, String actingUser) {
        return transactions.inOrganization(organizationId,
                tx -> access.require(tx, organizationId, actingUser, MemberRole.MEMBER)
                        .flatMap(actor -> members.listByOrganization(tx, organizationId)));
    }

    /** Invites {@code email}: the person becomes a member with {@code role} at their first login. */
    public Uni<Member> add(UUID organizationId, String actingUser, String email, MemberRole role) {
        String normalizedEmail = email.strip().toLowerCase(Locale.ROOT);
        return transactions.inOrganization(organizationId, tx -> lockedAs(tx, organizationId, actingUser, MemberRole.ADMIN)
                .flatMap(actor -> {
                    if (role == MemberRole.OWNER && actor.role() != MemberRole.OWNER) {
                        throw TenantProblem.forbidden("only an owner can add another owner");
                    }
                    return members.insertIfAbsent(tx, organizationId, normalizedEmail, role);
                })
                .map(added -> added.orElseThrow(
                        () -> TenantProblem.conflict("the organization already has a member with this e-mail")))
                .call(added -> events.domainEvent(tx, organizationId, MemberAdded.TYPE, new MemberAdded(organizationId,
                        added.id(), added.email(), added.role(), Actor.user(actingUser)))));
    }

    public Uni<Member> changeRole(UUID organizationId, String actingUser, UUID memberId, MemberRole role) {
        return transactions.inOrganization(organizationId, tx -> lockedAs(tx, organizationId, actingUser, MemberRole.ADMIN)
                .flatMap(actor -> target(tx, organizationId, memberId).flatMap(member -> {
                    if (member.role() == role) {
                        return Uni.createFrom().item(member);
                    }
                    if ((role == MemberRole.OWNER || member.role() == MemberRole.OWNER)
                            && actor.role() != MemberRole.OWNER) {
                        throw TenantProblem.forbidden("only an owner can grant or revoke the owner role");
                    }
                    return keepsAnOwner(tx, organizationId, member, "demoted")
                            .chain(() -> members.updateRole(tx, organizationId, memberId, role))
                            .call(changed -> events.domainEvent(tx, organizationId, MemberRoleChanged.TYPE,
                                    new MemberRoleChanged(organizationId, memberId, role, member.role(),
                                            Actor.user(actingUser))));
                })));
    }

    /** Admins and owners remove others (only owners remove owners); anyone may leave. */
    public Uni<Void> remove(UUID organizationId, String actingUser, UUID memberId) {
        return transactions.inOrganization(organizationId, tx -> lockedAs(tx, organizationId, actingUser, MemberRole.MEMBER)
                .flatMap(actor -> target(tx, organizationId, memberId).flatMap(member -> {
                    boolean leaving = member.id().equals(actor.id());
                    if (!leaving && !actor.role().canManage()) {
                        throw TenantProblem.forbidden("only an admin or an owner can remove other members");
                    }
                    if (!leaving && member.role() == MemberRole.OWNER && actor.role() != MemberRole.OWNER) {
                        throw TenantProblem.forbidden("only an owner can remove an owner");
                    }
                    return keepsAnOwner(tx, organizationId, member, "removed")
                            .chain(() -> members.delete(tx, organizationId, memberId))
                            .chain(() -> member.subject() == null ? Uni.createFrom().voidItem()
                                    : organizations.releaseCreator(tx, organizationId, member.subject()))
                            .chain(() -> events.domainEvent(tx, organizationId, MemberRemoved.TYPE,
                                    new MemberRemoved(organizationId, memberId, Actor.user(actingUser))));
                })));
    }

    /** Locks the organization, then checks the acting user's role as it stands under that lock. */
    private Uni<Member> lockedAs(SqlConnection tx, UUID organizationId, String actingUser, MemberRole minimum) {
        return organizations.findByIdForUpdate(tx, organizationId)
                .chain(() -> access.require(tx, organizationId, actingUser, minimum));
    }

    private Uni<Member> target(SqlConnection tx, UUID organizationId, UUID memberId) {
        return members.findById(tx, organizationId, memberId)
                .map(found -> found.orElseThrow(() -> TenantProblem.notFound("member not found")));
    }

    /** Refuses to take the owner role from the organization's only owner. */
    private Uni<Void> keepsAnOwner(SqlConnection tx, UUID organizationId, Member member, String change) {
        if (member.role() != MemberRole.OWNER) {
            return Uni.createFrom().voidItem();
        }
        return members.countOwners(tx, organizationId).invoke(owners -> {
            if (owners <= 1) {
                throw TenantProblem.conflict("the last owner of an organization cannot be " + change
                        + "; make another member an owner first");
            }
        }).replaceWithVoid();
    }
}
