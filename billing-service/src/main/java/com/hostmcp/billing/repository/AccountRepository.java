package com.hostmcp.billing.repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.BillingAccount;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Billing accounts, one per organization. */
@ApplicationScoped
public class AccountRepository {

    private static final String COLUMNS = "organization_id, stripe_customer_id, trial_ends_at, created_at";

    /** @return whether the account was opened now (false: it already existed) */
    public Uni<Boolean> openIfAbsent(SqlConnection tx, UUID organizationId, Instant trialEndsAt) {
        return tx.preparedQuery("INSERT INTO billing.accounts (organization_id, trial_ends_at) VALUES ($1, $2)"
                + " ON CONFLICT (organization_id) DO NOTHING")
                .execute(Tuple.of(organizationId, Times.column(trialEndsAt)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<BillingAccount>> find(SqlClient client, UUID organizationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM billing.accounts WHERE organization_id = $1")
                .execute(Tuple.of(organizationId)).map(AccountRepository::first);
    }

    /**
     * The account, locked until the end of the transaction: every change of an organization's billing state takes this
     * lock first, so webhooks, count events and API calls for one organization are applied one at a time.
     */
    public Uni<Optional<BillingAccount>> lock(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM billing.accounts WHERE organization_id = $1 FOR UPDATE")
                .execute(Tuple.of(organizationId)).map(AccountRepository::first);
    }

    public Uni<Optional<UUID>> organizationOfCustomer(SqlClient client, String customerId) {
        return client.preparedQuery("SELECT organization_id FROM billing.accounts WHERE stripe_customer_id = $1")
                .execute(Tuple.of(customerId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getUUID(0))
                        : Optional.<UUID> empty());
    }

    /** Records the account's Stripe customer unless it has one; answers the customer the account has afterwards. */
    public Uni<String> setCustomerIfAbsent(SqlConnection tx, UUID organizationId, String customerId) {
        return tx.preparedQuery("UPDATE billing.accounts SET stripe_customer_id = COALESCE(stripe_customer_id, $2)"
                + " WHERE organization_id = $1 RETURNING stripe_customer_id")
                .execute(Tuple.of(organizationId, customerId))
                .map(rows -> rows.iterator().next().getString(0));
    }

    private static Optional<BillingAccount> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return Optional.empty();
        }
        Row row = iterator.next();
        return Optional.of(new BillingAccount(row.getUUID("organization_id"), row.getString("stripe_customer_id"),
                Times.instant(row, "trial_ends_at"), Times.instant(row, "created_at")));
    }
}
