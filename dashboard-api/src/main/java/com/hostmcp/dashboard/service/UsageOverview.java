package com.hostmcp.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.client.AuditClient;
import com.hostmcp.dashboard.client.BillingClient;
import com.hostmcp.dashboard.client.InternalServiceException;

import io.smallrye.mutiny.Uni;

/**
 * The usage page in one answer: month to date and 30 days from audit-service, the listing count it last saw, and
 * billing's projected bill. Usage is the page's point, so audit-service failing fails the page; the projected bill is
 * extra, so billing failing (or having no account yet) leaves it null.
 */
@ApplicationScoped
public class UsageOverview {

    public static final int CHART_DAYS = 30;

    private static final Logger LOG = Logger.getLogger(UsageOverview.class);

    private final OrganizationDirectory directory;
    private final AuditClient audit;
    private final BillingClient billing;

    public UsageOverview(OrganizationDirectory directory, @RestClient AuditClient audit, @RestClient BillingClient billing) {
        this.directory = directory;
        this.audit = audit;
        this.billing = billing;
    }

    /** {@code listingCount} is null until a sync has counted the listings; {@code projectedBill} null when unknown. */
    public record Usage(JsonNode summary, JsonNode daily, Integer listingCount, JsonNode projectedBill) {
    }

    public Uni<Usage> usage(Caller caller) {
        return directory.organizationId(caller).flatMap(id -> Uni.combine().all()
                .unis(audit.usageSummary(id), audit.usageDaily(id, CHART_DAYS, null),
                        billing.projectedBill(id).onFailure().recoverWithItem(UsageOverview::withoutProjectedBill))
                .with((summary, daily, bill) -> new Usage(summary, daily, listingCount(summary), bill)));
    }

    private static Integer listingCount(JsonNode summary) {
        JsonNode active = summary.path("listings").path("activeListings");
        return active.isNumber() ? active.asInt() : null;
    }

    private static JsonNode withoutProjectedBill(Throwable failure) {
        if (!(failure instanceof InternalServiceException internal && internal.status() == 404)) {
            LOG.warnf("Projected bill left out of the usage page: %s", failure.toString());
        }
        return null;
    }
}
