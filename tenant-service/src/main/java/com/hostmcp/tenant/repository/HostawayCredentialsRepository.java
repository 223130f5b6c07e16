package com.hostmcp.tenant.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.HostawayCredentials;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The organizations' Hostaway credentials. The state-changing updates are conditional and return the changed row, or
 * empty when nothing changed, so that callers publish an event only for an actual change.
 */
@ApplicationScoped
public class HostawayCredentialsRepository {

    static final String COLUMNS = "organization_id, account_id, secret_ciphertext, status, invalid_reason, invalid_since,"
            + " connected_at, updated_at";

    public Uni<Optional<HostawayCredentials>> find(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.hostaway_credentials WHERE organization_id = $1")
                .execute(Tuple.of(organizationId))
                .map(HostawayCredentialsRepository::first);
    }

    /** Like {@link #find}, locking the row until the transaction ends. */
    public Uni<Optional<HostawayCredentials>> findForUpdate(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.hostaway_credentials WHERE organization_id = $1"
                + " FOR UPDATE")
                .execute(Tuple.of(organizationId))
                .map(HostawayCredentialsRepository::first);
    }

    /** Stores newly validated credentials, CONNECTED from now on, replacing any earlier ones. */
    public Uni<HostawayCredentials> upsert(SqlConnection tx, UUID organizationId, String accountId, byte[] ciphertext) {
        return tx.preparedQuery("INSERT INTO tenant.hostaway_credentials (organization_id, account_id, secret_ciphertext,"
                + " status, connected_at) VALUES ($1, $2, $3, 'CONNECTED', now())"
                + " ON CONFLICT (organization_id) DO UPDATE SET account_id = EXCLUDED.account_id,"
                + " secret_ciphertext = EXCLUDED.secret_ciphertext, status = 'CONNECTED', invalid_reason = NULL,"
                + " invalid_since = NULL, connected_at = now(), updated_at = now()"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId, accountId, Buffer.buffer(ciphertext)))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Removes the credentials; returns what was removed. */
    public Uni<Optional<HostawayCredentials>> delete(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("DELETE FROM tenant.hostaway_credentials WHERE organization_id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId))
                .map(HostawayCredentialsRepository::first);
    }

    /**
     * Marks CONNECTED credentials INVALID after another service saw Hostaway reject them, unless they are not the ones
     * it used: another account, or connected after the rejection was detected.
     *
     * @return the changed row; empty when nothing changed (already INVALID, replaced, or disconnected)
     */
    public Uni<Optional<HostawayCredentials>> markInvalidAfterRejection(SqlConnection tx, UUID organizationId,
            String accountId, Instant detectedAt, String reason) {
        return tx.preparedQuery("UPDATE tenant.hostaway_credentials SET status = 'INVALID', invalid_reason = $4,"
                + " invalid_since = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2"
                + " AND status = 'CONNECTED' AND connected_at <= $3 RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId, accountId, offset(detectedAt), reason))
                .map(HostawayCredentialsRepository::first);
    }

    /**
     * Sets the status of exactly the credentials that were checked ({@code ciphertext}), so that a check never changes
     * credentials replaced meanwhile.
     *
     * @param reason null for CONNECTED, the reason for INVALID
     * @return the changed row; empty when they already had that status or were replaced or removed
     */
    public Uni<Optional<HostawayCredentials>> setStatusIfUnchanged(SqlConnection tx, UUID organizationId,
            byte[] ciphertext, HostawayCredentials.Status status, String reason) {
        return tx.preparedQuery("UPDATE tenant.hostaway_credentials SET status = $3, invalid_reason = $4,"
                + " invalid_since = CASE WHEN $3 = 'INVALID' THEN now() END, updated_at = now()"
                + " WHERE organization_id = $1 AND secret_ciphertext = $2 AND status <> $3 RETURNING " + COLUMNS)
                .execute(Tuple.of(organizationId, Buffer.buffer(ciphertext), status.name(), reason))
                .map(HostawayCredentialsRepository::first);
    }

    /** Replaces the ciphertext of the same secret (key rotation); the status and times stay as they are. */
    public Uni<Void> updateCiphertext(SqlConnection tx, UUID organizationId, byte[] ciphertext) {
        return tx.preparedQuery("UPDATE tenant.hostaway_credentials SET secret_ciphertext = $2, updated_at = now()"
                + " WHERE organization_id = $1")
                .execute(Tuple.of(organizationId, Buffer.buffer(ciphertext)))
                .replaceWithVoid();
    }

    /** Every organization that has credentials, for work across all of them (key rotation). */
    public Uni<List<UUID>> listOrganizationIds(SqlConnection tx) {
        return tx.query("SELECT organization_id FROM tenant.hostaway_credentials ORDER BY organization_id")
                .execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("organization_id")));
                    return ids;
                });
    }

    private static Optional<HostawayCredentials> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(map(iterator.next())) : Optional.empty();
    }

    static HostawayCredentials map(Row row) {
        return new HostawayCredentials(row.getUUID("organization_id"), row.getString("account_id"),
                row.getBuffer("secret_ciphertext").getBytes(),
                HostawayCredentials.Status.valueOf(row.getString("status")), row.getString("invalid_reason"),
                instant(row.getOffsetDateTime("invalid_since")), instant(row.getOffsetDateTime("connected_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
