package com.hostmcp.tenant.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.Member;
import com.hostmcp.tenant.MemberRole;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class MemberRepository {

    private static final String COLUMNS = "id, organization_id, email, subject, role, created_at";

    public Uni<Member> insert(SqlConnection tx, UUID organizationId, String email, String subject, MemberRole role) {
        return tx.preparedQuery("INSERT INTO tenant.members (id, organization_id, email, subject, role)"
                + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), organizationId, email, subject, role.name()))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Member>> findBySubject(SqlConnection tx, String subject) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.members WHERE subject = $1")
                .execute(Tuple.of(subject)).map(MemberRepository::first);
    }

    /** Links an invited member (same e-mail, no subject yet) to the user signing in for the first time. */
    public Uni<Optional<Member>> claimInvitation(SqlConnection tx, String email, String subject) {
        return tx.preparedQuery("UPDATE tenant.members SET subject = $2 WHERE id = (SELECT id FROM tenant.members"
                + " WHERE email = $1 AND subject IS NULL ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(email, subject)).map(MemberRepository::first);
    }

    public Uni<List<Member>> listByOrganization(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.members WHERE organization_id = $1"
                + " ORDER BY created_at, email")
                .execute(Tuple.of(organizationId))
                .map(rows -> {
                    var members = new java.util.ArrayList<Member>();
                    rows.forEach(row -> members.add(map(row)));
                    return List.copyOf(members);
                });
    }

    /**
     * Adds a member who has not signed in yet; their first login links them.
     *
     * @return the new member, or empty when the organization already has a member with this e-mail
     */
    public Uni<Optional<Member>> insertIfAbsent(SqlConnection tx, UUID organizationId, String email, MemberRole role) {
        return tx.preparedQuery("INSERT INTO tenant.members (id, organization_id, email, role) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT (organization_id, email) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), organizationId, email, role.name()))
                .map(MemberRepository::first);
    }

    public Uni<Optional<Member>> findById(SqlConnection tx, UUID organizationId, UUID memberId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.members WHERE organization_id = $1 AND id = $2")
                .execute(Tuple.of(organizationId, memberId)).map(MemberRepository::first);
    }

    public Uni<Member> updateRole(SqlConnection tx, UUID organizationId, UUID memberId, MemberRole role) {
        return tx.preparedQuery("UPDATE tenant.members SET role = $3 WHERE organization_id = $1 AND id = $2"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId, memberId, role.name()))
                .map(rows -> first(rows).orElseThrow(() -> new IllegalStateException("no member " + memberId)));
    }

    public Uni<Void> delete(SqlConnection tx, UUID organizationId, UUID memberId) {
        return tx.preparedQuery("DELETE FROM tenant.members WHERE organization_id = $1 AND id = $2")
                .execute(Tuple.of(organizationId, memberId)).replaceWithVoid();
    }

    public Uni<Long> countOwners(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT count(*) AS owners FROM tenant.members WHERE organization_id = $1 AND role = $2")
                .execute(Tuple.of(organizationId, MemberRole.OWNER.name()))
                .map(rows -> rows.iterator().next().getLong("owners"));
    }

    private static Optional<Member> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(map(iterator.next())) : Optional.empty();
    }

    static Member map(Row row) {
        return new Member(row.getUUID("id"), row.getUUID("organization_id"), row.getString("email"),
                row.getString("subject"), MemberRole.valueOf(row.getString("role")),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
