package com.hostmcp.sync.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.sync.SyncedOrganization;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The projection of tenant.organizations.v1 and the daily-schedule guard ({@code sync.organizations}). */
@ApplicationScoped
public class OrganizationRepository {

    private static final String COLUMNS = "organization_id, version, deleted, hostaway_status, account_id,"
            + " encrypted_credentials, connected_at";

    public Uni<Optional<SyncedOrganization>> find(SqlClient client, UUID organizationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM sync.organizations WHERE organization_id = $1")
                .execute(Tuple.of(organizationId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** The stored snapshot, locked until the transaction ends (the consumer compares and replaces it). */
    public Uni<Optional<SyncedOrganization>> findForUpdate(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM sync.organizations WHERE organization_id = $1 FOR UPDATE")
                .execute(Tuple.of(organizationId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** Stores the snapshot unless one with the same or a higher version is already there. True when stored. */
    public Uni<Boolean> store(SqlConnection tx, SyncedOrganization organization) {
        return tx.preparedQuery("INSERT INTO sync.organizations (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (organization_id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted,"
                + " hostaway_status = EXCLUDED.hostaway_status, account_id = EXCLUDED.account_id,"
                + " encrypted_credentials = EXCLUDED.encrypted_credentials, connected_at = EXCLUDED.connected_at,"
                + " projected_at = now() WHERE organizations.version < EXCLUDED.version")
                .execute(Tuple.from(Arrays.asList(organization.organizationId(), organization.version(),
                        organization.deleted(), organization.hostawayStatus().name(), organization.accountId(),
                        organization.encryptedCredentials(), utc(organization.connectedAt()))))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Claims up to {@code limit} connected organizations not yet planned for {@code day} and marks them planned, in one
     * statement: rows another planner holds are skipped (SKIP LOCKED), and a row is re-checked after it is locked, so two
     * planners (replicas) never both claim an organization for the same day.
     */
    public Uni<List<UUID>> claimDue(SqlConnection tx, LocalDate day, int limit) {
        return tx.preparedQuery("WITH due AS (SELECT organization_id FROM sync.organizations"
                + " WHERE hostaway_status = 'CONNECTED' AND NOT deleted"
                + " AND (last_scheduled_sync_date IS NULL OR last_scheduled_sync_date < $1)"
                + " ORDER BY organization_id LIMIT $2 FOR UPDATE SKIP LOCKED)"
                + " UPDATE sync.organizations o SET last_scheduled_sync_date = $1 FROM due"
                + " WHERE o.organization_id = due.organization_id RETURNING o.organization_id")
                .execute(Tuple.of(day, limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    private static SyncedOrganization map(Row row) {
        OffsetDateTime connectedAt = row.getOffsetDateTime("connected_at");
        return new SyncedOrganization(row.getUUID("organization_id"), row.getLong("version"),
                row.getBoolean("deleted"), SyncedOrganization.HostawayStatus.valueOf(row.getString("hostaway_status")),
                row.getString("account_id"), row.getString("encrypted_credentials"),
                connectedAt == null ? null : connectedAt.toInstant());
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
