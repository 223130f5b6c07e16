package com.hostmcp.tenant.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.Member;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.repository.MemberRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Who may do what in an organization, checked against its own member list inside the request's transaction. */
@ApplicationScoped
public class OrganizationAccess {

    private final MemberRepository members;

    public OrganizationAccess(MemberRepository members) {
        this.members = members;
    }

    /**
     * The acting user's membership of {@code organizationId}. A non-member gets "not found", so that nobody learns
     * which organizations exist; a member whose role is below {@code minimum} gets "forbidden".
     */
    public Uni<Member> require(SqlConnection tx, UUID organizationId, String subject, MemberRole minimum) {
        return members.findBySubject(tx, subject).map(found -> {
            Member member = found.filter(m -> m.organizationId().equals(organizationId))
                    .orElseThrow(() -> TenantProblem.notFound("organization not found"));
            if (!allows(member.role(), minimum)) {
                throw TenantProblem.forbidden("this needs the role " + minimum + " or higher; you are " + member.role());
            }
            return member;
        });
    }

    static boolean allows(MemberRole role, MemberRole minimum) {
        // OWNER > ADMIN > MEMBER, in declaration order
        return role.ordinal() <= minimum.ordinal();
    }
}
