package com.hostmcp.billing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.hostmcp.billing.EntitlementState;
import com.hostmcp.billing.repository.InvoiceRepository.StoredInvoice;
import com.hostmcp.billing.service.BillingService;
import com.hostmcp.billing.service.BillingService.ProjectedBill;
import com.hostmcp.billing.service.BillingService.Status;
import com.hostmcp.rest.PathIds;

import io.smallrye.mutiny.Uni;

/**
 * An organization's billing, for dashboard-api (bearer token with the role {@code billing-api}). dashboard-api decides
 * who may see or change billing; this API trusts the organization id it is given.
 */
@Path("/internal/organizations/{organizationId}/billing")
@RolesAllowed("billing-api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingResource {

    private final BillingService billing;

    public BillingResource(BillingService billing) {
        this.billing = billing;
    }

    public record EntitlementResponse(EntitlementState state, boolean mcpAccess, String reason, Instant validUntil,
            long version, Instant changedAt) {
    }

    public record SubscriptionResponse(String id, String status, long quantity, boolean cancelAtPeriodEnd,
            Instant currentPeriodEnd) {
    }

    public record ListingCountResponse(int activeListings, int totalListings, Instant syncedAt) {
    }

    /** {@code subscription} and {@code listingCount} are null until there is one. */
    public record StatusResponse(UUID organizationId, EntitlementResponse entitlement, Instant trialEndsAt,
            boolean paymentAccount, SubscriptionResponse subscription, ListingCountResponse listingCount) {

        static StatusResponse of(Status status) {
            var e = status.entitlement();
            return new StatusResponse(status.account().organizationId(),
                    new EntitlementResponse(e.state(), e.mcpAccess(), e.reason(), e.validUntil(), e.version(),
                            e.changedAt()),
                    status.account().trialEndsAt(), status.account().stripeCustomerId() != null,
                    status.subscription().map(s -> new SubscriptionResponse(s.id(), s.status(), s.quantity(),
                            s.cancelAtPeriodEnd(), s.currentPeriodEnd())).orElse(null),
                    status.listingCount().map(c -> new ListingCountResponse(c.activeListings(), c.totalListings(),
                            c.syncedAt())).orElse(null));
        }
    }

    public record CheckoutRequest(@NotBlank @Size(max = 2048) String successUrl,
            @NotBlank @Size(max = 2048) String cancelUrl) {
    }

    public record CheckoutResponse(String sessionId, String url, long quantity) {
    }

    public record PortalRequest(@NotBlank @Size(max = 2048) String returnUrl) {
    }

    public record PortalResponse(String url) {
    }

    public record UpcomingInvoiceResponse(long amountDue, long total, String currency, Instant periodStart,
            Instant periodEnd) {
    }

    /** {@code upcomingInvoice} is Stripe's preview, null when Stripe could not give one. */
    public record ProjectedBillResponse(long quantity, long unitAmount, String currency, long amount, String basis,
            UpcomingInvoiceResponse upcomingInvoice) {

        static ProjectedBillResponse of(ProjectedBill bill) {
            return new ProjectedBillResponse(bill.quantity(), bill.unitAmount(), bill.currency(), bill.amount(),
                    bill.basis(), bill.upcomingInvoice().map(u -> new UpcomingInvoiceResponse(u.amountDue(), u.total(),
                            u.currency(), u.periodStart(), u.periodEnd())).orElse(null));
        }
    }

    public record InvoiceResponse(String id, String number, String status, String currency, long amountDue,
            long amountPaid, long total, Long listingCount, Instant periodStart, Instant periodEnd,
            String hostedInvoiceUrl, String invoicePdfUrl, Instant createdAt) {

        static InvoiceResponse of(StoredInvoice i) {
            return new InvoiceResponse(i.id(), i.number(), i.status(), i.currency(), i.amountDue(), i.amountPaid(),
                    i.total(), i.quantity(), i.periodStart(), i.periodEnd(), i.hostedInvoiceUrl(), i.invoicePdfUrl(),
                    i.createdAt());
        }
    }

    @GET
    public Uni<StatusResponse> status(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId) {
        return billing.status(PathIds.parse(organizationId)).map(StatusResponse::of);
    }

    /** Starts a Stripe Checkout for the subscription; 201 with the URL to send the user to. */
    @POST
    @Path("checkout-sessions")
    public Uni<Response> checkout(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @NotNull @Valid CheckoutRequest request) {
        return billing.startCheckout(PathIds.parse(organizationId), request.successUrl(), request.cancelUrl())
                .map(checkout -> Response.status(Response.Status.CREATED).entity(new CheckoutResponse(
                        checkout.session().id(), checkout.session().url(), checkout.quantity())).build());
    }

    /** Opens the Stripe Customer Portal; 201 with the URL to send the user to. */
    @POST
    @Path("portal-sessions")
    public Uni<Response> portal(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @NotNull @Valid PortalRequest request) {
        return billing.openPortal(PathIds.parse(organizationId), request.returnUrl())
                .map(url -> Response.status(Response.Status.CREATED).entity(new PortalResponse(url)).build());
    }

    /** Cancels the subscription at the end of the current period; access continues until then. */
    @POST
    @Path("subscription/cancel")
    @Consumes(MediaType.WILDCARD)
    public Uni<StatusResponse> cancel(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId) {
        return billing.setCancelAtPeriodEnd(PathIds.parse(organizationId), true).map(StatusResponse::of);
    }

    /** Takes back a cancellation at period end. */
    @POST
    @Path("subscription/resume")
    @Consumes(MediaType.WILDCARD)
    public Uni<StatusResponse> resume(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId) {
        return billing.setCancelAtPeriodEnd(PathIds.parse(organizationId), false).map(StatusResponse::of);
    }

    /** Billing history, newest first. */
    @GET
    @Path("invoices")
    public Uni<List<InvoiceResponse>> invoices(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @QueryParam("limit") @DefaultValue("24") @Min(1) @Max(100) int limit) {
        return billing.invoices(PathIds.parse(organizationId), limit)
                .map(all -> all.stream().map(InvoiceResponse::of).toList());
    }

    @GET
    @Path("projected-bill")
    public Uni<ProjectedBillResponse> projectedBill(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId) {
        return billing.projectedBill(PathIds.parse(organizationId)).map(ProjectedBillResponse::of);
    }
}
