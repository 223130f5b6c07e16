package com.hostmcp.billing.messaging;

/** The incoming channels of billing-service (configured under "Consumers" in application.properties). */
public final class BillingChannels {

    /** tenant.events.v1: tenant domain events; billing opens an account on OrganizationCreated. */
    public static final String TENANT_EVENTS = "tenant-events";
    /** sync.listing-counts.v1: listing counts, which the subscription quantity follows. */
    public static final String LISTING_COUNTS = "listing-counts";

    private BillingChannels() {
    }
}
