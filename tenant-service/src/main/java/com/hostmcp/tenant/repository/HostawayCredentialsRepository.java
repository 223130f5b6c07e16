package com.hostmcp.tenant.repository;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.tenant.HostawayCredentials;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class HostawayCredentialsRepository {

    static final String COLUMNS = "organization_id, account_id, secret_ciphertext, status, invalid_reason, invalid_since,"
            + " connected_at, updated_at";

    public Uni<Optional<HostawayCredentials>> find(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tenant.hostaway_credentials WHERE organization_id = $1")
                .execute(Tuple.of(organizationId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    return iterator.hasNext() ? Optional.of(map(iterator.next())) : Optional.empty();
                });
    }

    static HostawayCredentials map(Row row) {
        return new HostawayCredentials(row.getUUID("organization_id"), row.getString("account_id"),
                row.getBuffer("secret_ciphertext").getBytes(),
                HostawayCredentials.Status.valueOf(row.getString("status")), row.getString("invalid_reason"),
                instant(row.getOffsetDateTime("invalid_since")), instant(row.getOffsetDateTime("connected_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
