package com.hostmcp.dashboard.rest;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.auth.CurrentCaller;
import com.hostmcp.dashboard.client.BillingClient;
import com.hostmcp.dashboard.client.BillingClient.CheckoutRequest;
import com.hostmcp.dashboard.client.BillingClient.PortalRequest;
import com.hostmcp.dashboard.config.DashboardConfig;
import com.hostmcp.dashboard.service.OrganizationDirectory;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The organization's billing: any member reads it; owners and admins (checked with tenant-service first, billing-service
 * holds no memberships) subscribe, open the Stripe portal, cancel and resume. Stripe sends the user back to the SPA.
 */
@Path("/api/billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public class BillingResource {

    static final String LIMIT = "[1-9][0-9]?|100";

    private final CurrentCaller caller;
    private final OrganizationDirectory directory;
    private final BillingClient billing;
    private final String spa;

    public BillingResource(CurrentCaller caller, OrganizationDirectory directory, @RestClient BillingClient billing,
            DashboardConfig config) {
        this.caller = caller;
        this.directory = directory;
        this.billing = billing;
        String publicUrl = config.publicUrl().toString();
        this.spa = (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + "/#/billing";
    }

    /** Where to send the browser next (Stripe Checkout or the Customer Portal). */
    public record Redirect(String url) {
    }

    @GET
    @Operation(summary = "Entitlement (trial, active, past due, suspended, canceled), subscription and listing count")
    public Uni<JsonNode> status() {
        return directory.organizationId(caller.get()).flatMap(billing::status);
    }

    @POST
    @Path("checkout")
    @Operation(summary = "Start a Stripe Checkout for the per-listing subscription (owners and admins)")
    public Uni<Redirect> checkout() {
        return managed("subscribe").flatMap(id -> billing.checkout(id,
                new CheckoutRequest(spa + "?checkout=success", spa + "?checkout=cancelled")))
                .map(session -> new Redirect(session.path("url").asText()));
    }

    @POST
    @Path("portal")
    @Operation(summary = "Open the Stripe Customer Portal (owners and admins)")
    public Uni<Redirect> portal() {
        return managed("manage billing").flatMap(id -> billing.portal(id, new PortalRequest(spa)))
                .map(session -> new Redirect(session.path("url").asText()));
    }

    @POST
    @Path("cancel")
    @Operation(summary = "Cancel the subscription at the end of the period (owners and admins)")
    public Uni<JsonNode> cancel() {
        return managed("cancel the subscription").flatMap(billing::cancel);
    }

    @POST
    @Path("resume")
    @Operation(summary = "Take back a cancellation at period end (owners and admins)")
    public Uni<JsonNode> resume() {
        return managed("resume the subscription").flatMap(billing::resume);
    }

    @GET
    @Path("invoices")
    @Operation(summary = "Invoices, newest first, with links to Stripe's invoice page and PDF")
    public Uni<JsonNode> invoices(
            @QueryParam("limit") @Pattern(regexp = LIMIT, message = "must be a whole number from 1 to 100") String limit) {
        return directory.organizationId(caller.get())
                .flatMap(id -> billing.invoices(id, limit == null ? null : Integer.valueOf(limit)));
    }

    private Uni<UUID> managed(String action) {
        Caller me = caller.get();
        return directory.managedOrganization(me, action);
    }
}
