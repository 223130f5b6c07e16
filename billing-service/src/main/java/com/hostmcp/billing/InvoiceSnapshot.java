package com.hostmcp.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A Stripe invoice for the billing history.
 *
 * @param quantity billed listings (the per-listing line's quantity), null when the invoice has no such line
 * @param organizationId from the subscription's {@code organization_id} metadata, null when absent
 */
public record InvoiceSnapshot(String id, String customerId, String subscriptionId, String number, String status,
        String currency, long amountDue, long amountPaid, long total, Long quantity, Instant periodStart,
        Instant periodEnd, String hostedInvoiceUrl, String invoicePdfUrl, Long attemptCount, Instant nextPaymentAttempt,
        Instant created, UUID organizationId) {
}
