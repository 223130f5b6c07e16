package com.hostmcp.billing.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.hostmcp.billing.InvoiceSnapshot;
import com.hostmcp.billing.SubscriptionSnapshot;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;

/** Reads the fields billing needs out of stripe-java's objects (API version 2025-03+ shapes: periods on items). */
public final class StripeObjects {

    /** Metadata key naming the organization on customers, Checkout Sessions and subscriptions we create. */
    public static final String ORGANIZATION_METADATA = "organization_id";

    private StripeObjects() {
    }

    /** The subscription, with the item of the per-listing price (or its first item). */
    public static SubscriptionSnapshot subscription(Subscription subscription, String perListingPriceId) {
        List<SubscriptionItem> items = subscription.getItems() == null ? List.of() : subscription.getItems().getData();
        SubscriptionItem item = items.stream()
                .filter(i -> i.getPrice() != null && perListingPriceId.equals(i.getPrice().getId()))
                .findFirst()
                .orElse(items.isEmpty() ? null : items.get(0));
        return new SubscriptionSnapshot(subscription.getId(), subscription.getCustomer(), subscription.getStatus(),
                item == null ? null : item.getId(),
                item == null || item.getPrice() == null ? null : item.getPrice().getId(),
                item == null || item.getQuantity() == null ? 0 : item.getQuantity(),
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                item == null ? null : instant(item.getCurrentPeriodEnd()), instant(subscription.getCanceledAt()),
                instant(subscription.getCreated()), organization(subscription.getMetadata()).orElse(null));
    }

    /** The invoice; quantity and period come from its per-listing line (not a proration line) when it has one. */
    public static InvoiceSnapshot invoice(Invoice invoice, String perListingPriceId) {
        Invoice.Parent.SubscriptionDetails details = invoice.getParent() == null ? null
                : invoice.getParent().getSubscriptionDetails();
        List<InvoiceLineItem> lines = invoice.getLines() == null ? List.of() : invoice.getLines().getData();
        Optional<InvoiceLineItem> perListing = lines.stream()
                .filter(line -> line.getPricing() != null && line.getPricing().getPriceDetails() != null
                        && perListingPriceId.equals(line.getPricing().getPriceDetails().getPrice()))
                .filter(line -> line.getParent() == null || line.getParent().getSubscriptionItemDetails() == null
                        || !Boolean.TRUE.equals(line.getParent().getSubscriptionItemDetails().getProration()))
                .findFirst();
        Instant periodStart = perListing.map(l -> l.getPeriod() == null ? null : instant(l.getPeriod().getStart()))
                .orElse(instant(invoice.getPeriodStart()));
        Instant periodEnd = perListing.map(l -> l.getPeriod() == null ? null : instant(l.getPeriod().getEnd()))
                .orElse(instant(invoice.getPeriodEnd()));
        return new InvoiceSnapshot(invoice.getId(), invoice.getCustomer(),
                details == null ? null : details.getSubscription(), invoice.getNumber(), invoice.getStatus(),
                invoice.getCurrency(), orZero(invoice.getAmountDue()), orZero(invoice.getAmountPaid()),
                orZero(invoice.getTotal()), perListing.map(InvoiceLineItem::getQuantity).orElse(null), periodStart,
                periodEnd, invoice.getHostedInvoiceUrl(), invoice.getInvoicePdf(), invoice.getAttemptCount(),
                instant(invoice.getNextPaymentAttempt()), instant(invoice.getCreated()),
                details == null ? null : organization(details.getMetadata()).orElse(null));
    }

    /** The organization named in an object's metadata, if it names a well-formed one. */
    public static Optional<UUID> organization(Map<String, String> metadata) {
        return uuid(metadata == null ? null : metadata.get(ORGANIZATION_METADATA));
    }

    /** A well-formed UUID, or empty. */
    public static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
