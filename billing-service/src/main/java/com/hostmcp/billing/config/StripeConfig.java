package com.hostmcp.billing.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How billing-service reaches Stripe. The key and the webhook secret are secrets: configuration only, never logged. */
@ConfigMapping(prefix = "stripe")
public interface StripeConfig {

    /** Stripe's API base URL: https://api.stripe.com in production, the stand-in in tests and the local stack. */
    @WithDefault("https://api.stripe.com")
    String apiUrl();

    /** Secret (or restricted) API key, {@code STRIPE_API_KEY}. */
    String apiKey();

    /** Signing secret of the webhook endpoint ({@code whsec_...}), {@code STRIPE_WEBHOOK_SECRET}. */
    String webhookSecret();

    /** How old a webhook's signature timestamp may be (replay protection). */
    @WithDefault("300s")
    Duration webhookTolerance();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("20s")
    Duration readTimeout();
}
