package com.hostmcp.billing.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.InvoiceSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The billing history: Stripe invoices as their webhooks reported them. */
@ApplicationScoped
public class InvoiceRepository {

    /** A stored invoice, as the REST API lists it. */
    public record StoredInvoice(String id, String number, String status, String currency, long amountDue,
            long amountPaid, long total, Long quantity, Instant periodStart, Instant periodEnd,
            String hostedInvoiceUrl, String invoicePdfUrl, Instant createdAt) {
    }

    private static final String RANK = "CASE %s WHEN 'draft' THEN 0 WHEN 'open' THEN 1 ELSE 2 END";

    /**
     * Stores the invoice; an invoice already stored in a later status (e.g. paid) is not moved back by a late event of
     * an earlier one (e.g. finalized), though its other fields are refreshed.
     */
    public Uni<Void> save(SqlConnection tx, UUID organizationId, InvoiceSnapshot i) {
        return tx.preparedQuery("INSERT INTO billing.invoices (invoice_id, organization_id, subscription_id, number,"
                + " status, currency, amount_due, amount_paid, total, quantity, period_start, period_end,"
                + " hosted_invoice_url, invoice_pdf_url, stripe_created)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
                + " ON CONFLICT (invoice_id) DO UPDATE SET number = COALESCE(EXCLUDED.number, invoices.number),"
                + " hosted_invoice_url = COALESCE(EXCLUDED.hosted_invoice_url, invoices.hosted_invoice_url),"
                + " invoice_pdf_url = COALESCE(EXCLUDED.invoice_pdf_url, invoices.invoice_pdf_url),"
                + " status = CASE WHEN " + RANK.formatted("EXCLUDED.status") + " >= " + RANK.formatted("invoices.status")
                + " THEN EXCLUDED.status ELSE invoices.status END,"
                + " amount_paid = GREATEST(EXCLUDED.amount_paid, invoices.amount_paid), updated_at = now()")
                .execute(Tuple.from(new Object[] { i.id(), organizationId, i.subscriptionId(), i.number(), i.status(),
                        i.currency(), i.amountDue(), i.amountPaid(), i.total(), i.quantity(),
                        Times.column(i.periodStart()), Times.column(i.periodEnd()), i.hostedInvoiceUrl(),
                        i.invoicePdfUrl(), Times.column(i.created()) }))
                .replaceWithVoid();
    }

    public Uni<Optional<String>> status(SqlClient client, String invoiceId) {
        return client.preparedQuery("SELECT status FROM billing.invoices WHERE invoice_id = $1")
                .execute(Tuple.of(invoiceId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.<String> empty());
    }

    /** The organization's invoices, newest first. */
    public Uni<List<StoredInvoice>> list(SqlClient client, UUID organizationId, int limit) {
        return client.preparedQuery("SELECT invoice_id, number, status, currency, amount_due, amount_paid, total,"
                + " quantity, period_start, period_end, hosted_invoice_url, invoice_pdf_url, stripe_created"
                + " FROM billing.invoices WHERE organization_id = $1"
                // Stripe's times have whole seconds: invoices of one second are ordered by the period they bill
                + " ORDER BY stripe_created DESC, period_start DESC NULLS LAST, invoice_id DESC LIMIT $2")
                .execute(Tuple.of(organizationId, limit))
                .map(rows -> {
                    List<StoredInvoice> invoices = new ArrayList<>();
                    for (Row row : rows) {
                        invoices.add(new StoredInvoice(row.getString("invoice_id"), row.getString("number"),
                                row.getString("status"), row.getString("currency"), row.getLong("amount_due"),
                                row.getLong("amount_paid"), row.getLong("total"), row.getLong("quantity"),
                                Times.instant(row, "period_start"), Times.instant(row, "period_end"),
                                row.getString("hosted_invoice_url"), row.getString("invoice_pdf_url"),
                                Times.instant(row, "stripe_created")));
                    }
                    return invoices;
                });
    }
}
