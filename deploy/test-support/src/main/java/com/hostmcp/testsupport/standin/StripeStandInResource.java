package com.hostmcp.testsupport.standin;

import java.util.Map;

import com.hostmcp.standin.stripe.StripeStandIn;
import com.hostmcp.standin.stripe.StripeWebhookSigner;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at an in-JVM Stripe stand-in ({@code stripe.api-url}, a test API key and the test
 * webhook secret). One stand-in per test JVM, reachable through {@link #standIn()}.
 */
public class StripeStandInResource implements QuarkusTestResourceLifecycleManager {

    private static StripeStandIn standIn;

    public static synchronized StripeStandIn standIn() {
        if (standIn == null) {
            standIn = StripeStandIn.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "stripe-stand-in-stop"));
        }
        return standIn;
    }

    @Override
    public Map<String, String> start() {
        StripeStandIn stripe = standIn();
        return Map.of(
                "stripe.api-url", stripe.baseUrl(),
                "stripe.api-key", stripe.apiKey(),
                "stripe.webhook-secret", StripeWebhookSigner.TEST_WEBHOOK_SECRET);
    }

    @Override
    public void stop() {
        // shared by every application start in this JVM
    }
}
