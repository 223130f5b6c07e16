package com.hostmcp.billing.config;

import java.time.Duration;
import java.util.List;

import com.hostmcp.billing.PaymentFailurePolicy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** billing-service's business settings (the README lists every property). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    Trial trial();

    Price price();

    PaymentFailure paymentFailure();

    Quantity quantity();

    Checkout checkout();

    /** How often the deadline job looks for ended trials, grace periods and canceled periods. */
    @WithDefault("60s")
    Duration deadlineCheckEvery();

    interface Trial {

        /** Length of the trial a new organization gets. */
        @WithDefault("P14D")
        Duration length();
    }

    interface Price {

        /** The Stripe price billed per active listing and month. */
        String id();

        /** The price's unit amount in minor units; the projected bill uses it when Stripe's preview is unavailable. */
        long unitAmount();

        /** ISO 4217 code, lowercase, as Stripe writes it. */
        @WithDefault("usd")
        String currency();
    }

    interface PaymentFailure {

        /** What a failed payment does to the entitlement. */
        @WithDefault("SUSPEND")
        PaymentFailurePolicy policy();

        /** With policy PAST_DUE: how long access continues after the first failed payment. */
        @WithDefault("P3D")
        Duration grace();
    }

    interface Quantity {

        /** Stripe's proration_behavior for quantity changes: create_prorations, always_invoice or none. */
        @WithDefault("create_prorations")
        String prorationBehavior();
    }

    interface Checkout {

        /**
         * Origins (scheme://host[:port]) that Checkout and the Customer Portal may send the customer back to; any other
         * success, cancel or return URL is refused, so that our Stripe sessions cannot be used as open redirects.
         */
        List<String> allowedRedirectOrigins();
    }
}
