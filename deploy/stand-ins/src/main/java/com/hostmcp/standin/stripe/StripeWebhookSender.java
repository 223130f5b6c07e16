package com.hostmcp.standin.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers an event to a webhook endpoint the way Stripe does: {@code POST} of the event JSON with
 * {@code Content-Type: application/json; charset=utf-8} and a {@code Stripe-Signature} header.
 */
public final class StripeWebhookSender {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;
    private final String webhookSecret;

    public StripeWebhookSender(String endpointUrl, String webhookSecret) {
        this.endpoint = URI.create(Objects.requireNonNull(endpointUrl, "endpointUrl"));
        this.webhookSecret = Objects.requireNonNull(webhookSecret, "webhookSecret");
    }

    public String endpointUrl() {
        return endpoint.toString();
    }

    /** Signs (now) and posts the event; answers the endpoint's HTTP status. */
    public int send(String eventJson) throws IOException, InterruptedException {
        return send(eventJson, StripeWebhookSigner.signatureHeader(eventJson, webhookSecret));
    }

    /** Posts the event with the given {@code Stripe-Signature} header value; answers the HTTP status. */
    public int send(String eventJson, String signatureHeader) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header(StripeWebhookSigner.SIGNATURE_HEADER, signatureHeader)
                .POST(HttpRequest.BodyPublishers.ofString(eventJson, StandardCharsets.UTF_8))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Signs (now) and posts {@code eventJson} to {@code endpointUrl}; answers the HTTP status. */
    public static int send(String endpointUrl, String webhookSecret, String eventJson)
            throws IOException, InterruptedException {
        return new StripeWebhookSender(endpointUrl, webhookSecret).send(eventJson);
    }
}
