package com.hostmcp.tenant.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.apikey.ApiKey;
import com.hostmcp.tenant.apikey.KeyUsage;
import com.hostmcp.tenant.messaging.TenantEventData.RevokeReason;
import com.hostmcp.tenant.service.TenantProblem;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ApiKeyRepository {

    private static final String TOO_MANY_KEYS = "an organization can have at most 5 active API keys; revoke one first";

    private static final String COLUMNS = "id, organization_id, name, key_hash, display_hint, created_at, last_used_at,"
            + " revoked_at, revoke_reason";
    /**
     * Each lost race means a concurrent transaction took a slot, so five losses fill the organization; more only
     * happen while keys are also being revoked concurrently.
     */
    private static final int SLOT_ATTEMPTS = 10;

    /**
     * Inserts an active key into the organization's lowest free slot. The unique index on (organization_id, slot) makes
     * concurrent creates safe: a create that loses a slot to another transaction tries the next free one.
     *
     * @throws TenantProblem conflict when all five slots are taken
     */
    public Uni<ApiKey> insertIntoFreeSlot(SqlConnection tx, UUID organizationId, String name, String keyHash,
            String displayHint) {
        return insertIntoFreeSlot(tx, UUID.randomUUID(), organizationId, name, keyHash, displayHint, 1);
    }

    private Uni<ApiKey> insertIntoFreeSlot(SqlConnection tx, UUID id, UUID organizationId, String name, String keyHash,
            String displayHint, int attempt) {
        return lowestFreeSlot(tx, organizationId).flatMap(slot -> {
            if (slot.isEmpty()) {
                return Uni.createFrom().failure(TenantProblem.conflict(TOO_MANY_KEYS));
            }
            // DO NOTHING waits for a concurrent insert of the same slot and yields no row if that one committed,
            // without aborting this transaction
            return tx.preparedQuery("INSERT INTO tenant.api_keys (id, organization_id, name, key_hash, display_hint, slot)"
                    + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id, slot) DO NOTHING RETURNING "
                    + COLUMNS)
                    .execute(Tuple.of(id, organizationId, name, keyHash, displayHint, slot.get()))
                    .flatMap(rows -> {
                        if (rows.size() == 1) {
                            return Uni.createFrom().item(map(rows.iterator().next()));
                        }
                        if (attempt < SLOT_ATTEMPTS) {
                            return insertIntoFreeSlot(tx, id, organizationId, name, keyHash, displayHint, attempt + 1);
                        }
                        return Uni.createFrom().failure(TenantProblem.unavailable(
                                "the organization's API keys are changing concurrently; please retry", 1));
                    });
        });
    }

    private Uni<Optional<Short>> lowestFreeSlot(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT s::smallint AS slot FROM generate_series(1, 5) AS s WHERE NOT EXISTS"
                + " (SELECT 1 FROM tenant.api_keys k WHERE k.organization_id = $1 AND k.slot = s) ORDER BY s LIMIT 1")
                .execute(Tuple.of(organizationId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    return iterator.hasNext() ? Optional.of(iterator.next().getShort("slot")) : Optional.empty();
                });
    }

    /**
     * Revokes an active key: it gives up its slot at once.
     *
     * @return the revoked key, or empty when the organization has no such active key
     */
    public Uni<Optional<ApiKey>> revoke(SqlConnection tx, UUID organizationId, UUID keyId, RevokeReason reason) {
        return tx.preparedQuery("UPDATE tenant.api_keys SET revoked_at = now(), revoke_reason = $3, slot = NULL"
                + " WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.of(keyId, organizationId, reason.name()))
                .map(ApiKeyRepository::first);
    }

    public Uni<Optional<ApiKey>> find(SqlConnection tx, UUID organizationId, UUID keyId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.api_keys WHERE id = $1 AND organization_id = $2")
                .execute(Tuple.of(keyId, organizationId))
                .map(ApiKeyRepository::first);
    }

    /** Active and revoked keys, newest first. */
    public Uni<List<ApiKey>> list(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.api_keys WHERE organization_id = $1"
                + " ORDER BY created_at DESC, id")
                .execute(Tuple.of(organizationId))
                .map(rows -> {
                    var keys = new ArrayList<ApiKey>(rows.size());
                    rows.forEach(row -> keys.add(map(row)));
                    return List.copyOf(keys);
                });
    }

    /**
     * Records when keys were last used, in one statement for a whole batch of usage records (one entry per key). A key
     * is only written when its stored time is more than a minute older, so a busy key costs at most one write a minute.
     * Times in the future (a skewed gateway clock) are capped at now.
     *
     * @return how many keys were written
     */
    public Uni<Integer> touchLastUsed(SqlConnection tx, Collection<KeyUsage> usages) {
        if (usages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] keyIds = usages.stream().map(KeyUsage::keyId).toArray(UUID[]::new);
        UUID[] organizationIds = usages.stream().map(KeyUsage::organizationId).toArray(UUID[]::new);
        OffsetDateTime[] usedAt = usages.stream().map(u -> u.lastUsedAt().atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        return tx.preparedQuery("UPDATE tenant.api_keys k SET last_used_at = least(u.used_at, now())"
                + " FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS u(key_id, organization_id, used_at)"
                + " WHERE k.id = u.key_id AND k.organization_id = u.organization_id"
                + " AND (k.last_used_at IS NULL OR k.last_used_at < least(u.used_at, now()) - interval '1 minute')")
                .execute(Tuple.of(keyIds, organizationIds, usedAt))
                .map(RowSet::rowCount);
    }

    private static Optional<ApiKey> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(map(iterator.next())) : Optional.empty();
    }

    private static ApiKey map(Row row) {
        String reason = row.getString("revoke_reason");
        OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
        OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
        return new ApiKey(row.getUUID("id"), row.getUUID("organization_id"), row.getString("name"),
                row.getString("key_hash"), row.getString("display_hint"),
                row.getOffsetDateTime("created_at").toInstant(), lastUsed == null ? null : lastUsed.toInstant(),
                revoked == null ? null : revoked.toInstant(), reason == null ? null : RevokeReason.valueOf(reason));
    }
}
