package com.hostmcp.tenant.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.Organization;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OrganizationRepository {

    private static final String COLUMNS = "id, name, owner_subject, version, created_at, updated_at";

    /**
     * Inserts the organization unless its owner already has one.
     *
     * @return the new organization, or empty when the owner already had one (possibly created concurrently)
     */
    public Uni<Optional<Organization>> insertIfOwnerHasNone(SqlConnection tx, UUID id, String name, String ownerSubject) {
        return tx.preparedQuery("INSERT INTO tenant.organizations (id, name, owner_subject) VALUES ($1, $2, $3)"
                + " ON CONFLICT (owner_subject) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(id, name, ownerSubject))
                .map(OrganizationRepository::first);
    }

    public Uni<Optional<Organization>> findByOwnerSubject(SqlConnection tx, String ownerSubject) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.organizations WHERE owner_subject = $1")
                .execute(Tuple.of(ownerSubject))
                .map(OrganizationRepository::first);
    }

    /**
     * Marks a change of the organization's published state: the version grows by one, so consumers of the compacted
     * topic can drop older snapshots.
     */
    public Uni<Organization> nextVersion(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("UPDATE tenant.organizations SET version = version + 1, updated_at = now() WHERE id = $1"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId))
                .map(rows -> first(rows).orElseThrow(() -> new IllegalStateException("no organization " + organizationId)));
    }

    /** Forgets that {@code subject} created the organization (they left it). */
    public Uni<Void> releaseCreator(SqlConnection tx, UUID organizationId, String subject) {
        return tx.preparedQuery("UPDATE tenant.organizations SET owner_subject = NULL WHERE id = $1 AND owner_subject = $2")
                .execute(Tuple.of(organizationId, subject))
                .replaceWithVoid();
    }

    public Uni<Optional<Organization>> findById(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.organizations WHERE id = $1")
                .execute(Tuple.of(organizationId))
                .map(OrganizationRepository::first);
    }

    /**
     * The organization, locked until the end of the transaction: changes to its name and to its owners are made one
     * at a time, so that two concurrent requests cannot, for example, each remove one of the last two owners.
     */
    public Uni<Optional<Organization>> findByIdForUpdate(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.organizations WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(organizationId))
                .map(OrganizationRepository::first);
    }

    public Uni<Organization> rename(SqlConnection tx, UUID organizationId, String name) {
        return tx.preparedQuery("UPDATE tenant.organizations SET name = $2, updated_at = now() WHERE id = $1"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId, name))
                .map(rows -> first(rows).orElseThrow(() -> new IllegalStateException("no organization " + organizationId)));
    }

    private static Optional<Organization> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(map(iterator.next())) : Optional.empty();
    }

    private static Organization map(Row row) {
        return new Organization(row.getUUID("id"), row.getString("name"), row.getString("owner_subject"),
                row.getLong("version"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
