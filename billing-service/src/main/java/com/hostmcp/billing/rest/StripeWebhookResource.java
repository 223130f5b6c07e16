package com.hostmcp.billing.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.hostmcp.billing.service.StripeEventService;
import com.hostmcp.billing.service.StripeEventService.Outcome;
import com.hostmcp.billing.stripe.StripeWebhooks;

import io.smallrye.mutiny.Uni;

/**
 * Stripe's webhook endpoint: public (Stripe authenticates by signature, not by token). The body is taken as the exact
 * string received, because the signature covers those bytes. A request without a valid, fresh signature is answered 400
 * and nothing of it is processed; a verified event is applied at once (one short transaction) and acknowledged.
 */
@Path("/webhooks/stripe")
@PermitAll
public class StripeWebhookResource {

    private final StripeWebhooks webhooks;
    private final StripeEventService events;

    public StripeWebhookResource(StripeWebhooks webhooks, StripeEventService events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    /** What Stripe is told; the outcome helps whoever looks at the delivery in Stripe's dashboard. */
    public record Acknowledgement(boolean received, Outcome outcome) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Acknowledgement> receive(String payload, @HeaderParam("Stripe-Signature") String signature) {
        return Uni.createFrom().item(() -> webhooks.verify(payload, signature))
                .flatMap(events::apply)
                .map(outcome -> new Acknowledgement(true, outcome));
    }
}
