package com.hostmcp.standin.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A Stripe API stand-in at the HTTP level, for tests and the local stack: WireMock serves
 * {@code /v1/...} in Stripe's wire format (form-encoded requests with bracket notation, Stripe
 * error shapes, {@code Idempotency-Key} replay) from an in-memory, thread-safe model, so stripe-java
 * pointed at {@link #baseUrl()} works unchanged.
 *
 * <p>
 * The simulation helpers ({@link #completeCheckout}, {@link #failPayment}, {@link #succeedPayment},
 * {@link #payInvoice}, {@link #invoiceFinalized}, {@link #subscriptionEvent}) change the state as Stripe
 * would and answer the JSON of the webhook event Stripe would send, ready to sign with
 * {@link StripeWebhookSigner}. With {@link #deliverWebhooksTo} every event the stand-in emits is also
 * signed and POSTed to that endpoint, in order, off the request thread.
 */
public final class StripeStandIn implements AutoCloseable {

    /** The secret key tests and the local stack use; any key starting {@code sk_test_} is accepted. */
    public static final String TEST_SECRET_KEY = "sk_test_standin_fake";

    /** The API version events and objects are shaped for: stripe-java 33.3.0's {@code Stripe.API_VERSION}. */
    public static final String API_VERSION = "2026-07-29.dahlia";

    /** The seeded per-listing monthly price. */
    public static final String PER_LISTING_PRICE_ID = StripeModel.PER_LISTING_PRICE_ID;

    /** The product of {@link #PER_LISTING_PRICE_ID}. */
    public static final String PER_LISTING_PRODUCT_ID = StripeModel.PER_LISTING_PRODUCT_ID;

    /** The lookup key of {@link #PER_LISTING_PRICE_ID}. */
    public static final String PER_LISTING_LOOKUP_KEY = StripeModel.PER_LISTING_LOOKUP_KEY;

    /** The default unit amount of {@link #PER_LISTING_PRICE_ID}, in cents (USD 5.00). */
    public static final long DEFAULT_PER_LISTING_UNIT_AMOUNT = StripeModel.DEFAULT_UNIT_AMOUNT;

    /** The port {@link StripeStandInMain} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8091;

    private static final String LOOPBACK = "127.0.0.1";

    private final WireMockServer server;
    private final StripeModel model;
    private final StripeApi api;
    private final String baseUrl;
    private final ExecutorService webhookExecutor;
    private volatile StripeWebhookSender webhookSender;

    private StripeStandIn(WireMockServer server, StripeModel model, StripeApi api, String baseUrl) {
        this.server = server;
        this.model = model;
        this.api = api;
        this.baseUrl = baseUrl;
        this.webhookExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stripe-stand-in-webhooks");
            t.setDaemon(true);
            return t;
        });
        model.setEventListener(this::onEvent);
    }

    /** Starts a stand-in on 127.0.0.1; port 0 picks a free port. */
    public static StripeStandIn start(int port) {
        return start(LOOPBACK, port);
    }

    /**
     * Starts a stand-in bound to {@code bindAddress} (e.g. {@code 0.0.0.0} to reach it from other
     * hosts); port 0 picks a free port. {@link #baseUrl()} still names 127.0.0.1.
     */
    public static StripeStandIn start(String bindAddress, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        // the model needs the port for the URLs it hands out, so the API is attached after start
        StripeStandInTransformer transformer = new StripeStandInTransformer();
        WireMockConfiguration config = options()
                .bindAddress(Objects.requireNonNull(bindAddress, "bindAddress"))
                .port(port)
                .disableRequestJournal()
                .notifier(new ConsoleNotifier(false))
                .extensions(transformer);
        WireMockServer server = new WireMockServer(config);
        server.start();
        String baseUrl = "http://" + LOOPBACK + ":" + server.port();
        StripeModel model = new StripeModel(baseUrl, Clock.systemUTC());
        StripeApi api = new StripeApi(model);
        transformer.attach(api);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(StripeStandInTransformer.NAME)));
        return new StripeStandIn(server, model, api, baseUrl);
    }

    /** {@code http://127.0.0.1:PORT}; the API is under {@code /v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    /** The secret key to configure clients with ({@link #TEST_SECRET_KEY}). */
    public String apiKey() {
        return TEST_SECRET_KEY;
    }

    /** Whether the stand-in accepts this secret key: test-mode keys ({@code sk_test_}, {@code rk_test_}). */
    public static boolean isAcceptedApiKey(String key) {
        return key != null && (key.startsWith("sk_test_") || key.startsWith("rk_test_")) && key.length() > 8;
    }

    /** Forgets every object, event, idempotency key and recorded request; re-seeds the prices. */
    public void reset() {
        model.reset();
        api.reset();
    }

    @Override
    public void close() {
        webhookExecutor.shutdownNow();
        server.stop();
    }

    // ------------------------------------------------------------------ configuration

    /** Sets the unit amount (cents) of {@link #PER_LISTING_PRICE_ID}; kept across {@link #reset()}. */
    public void setPerListingUnitAmount(long unitAmountCents) {
        model.setPerListingUnitAmount(unitAmountCents);
    }

    public long perListingUnitAmount() {
        return model.perListingUnitAmount();
    }

    /**
     * From now on, signs every emitted event with {@code webhookSecret} and POSTs it to
     * {@code endpointUrl} (in order, on a background thread, retrying a failed delivery twice).
     */
    public void deliverWebhooksTo(String endpointUrl, String webhookSecret) {
        this.webhookSender = new StripeWebhookSender(endpointUrl, webhookSecret);
    }

    /** Stops delivering events to a webhook endpoint. */
    public void stopDeliveringWebhooks() {
        this.webhookSender = null;
    }

    /** Waits until the events emitted so far have been delivered (or given up on). */
    public boolean awaitWebhookDeliveries(Duration timeout) throws InterruptedException {
        Future<?> marker;
        try {
            marker = webhookExecutor.submit(() -> {
            });
        } catch (RejectedExecutionException e) {
            return true;
        }
        try {
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private void onEvent(String eventJson) {
        StripeWebhookSender sender = webhookSender;
        if (sender == null || webhookExecutor.isShutdown()) {
            return;
        }
        try {
            webhookExecutor.execute(() -> deliver(sender, eventJson));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing to deliver to any more
        }
    }

    private static void deliver(StripeWebhookSender sender, String eventJson) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                int status = sender.send(eventJson);
                if (status >= 200 && status < 300) {
                    return;
                }
                System.err.println("Stripe stand-in: webhook " + sender.endpointUrl() + " answered " + status
                        + " (attempt " + attempt + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.err.println("Stripe stand-in: webhook " + sender.endpointUrl() + " failed: " + e
                        + " (attempt " + attempt + ")");
            }
            try {
                Thread.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ request journal

    /** Every {@code /v1} request served since start or {@link #reset()}, oldest first. */
    public List<RecordedStripeRequest> requests() {
        return api.requests();
    }

    /** The recorded requests with this method whose path starts with {@code pathPrefix}. */
    public List<RecordedStripeRequest> requests(String method, String pathPrefix) {
        String m = method.toUpperCase(Locale.ROOT);
        return api.requests().stream()
                .filter(r -> r.method().equals(m) && r.path().startsWith(pathPrefix))
                .collect(Collectors.toList());
    }

    /** How many requests with this method had a path starting with {@code pathPrefix}. */
    public int requestCount(String method, String pathPrefix) {
        return requests(method, pathPrefix).size();
    }

    /** Every event emitted since start or {@link #reset()}, oldest first, as Stripe would send it. */
    public List<String> events() {
        return model.events();
    }

    // ------------------------------------------------------------------ simulations

    /**
     * The customer pays a Checkout Session: creates the customer if needed, the subscription (item
     * quantities from the session) and a paid first invoice. Answers the
     * {@code checkout.session.completed} event.
     */
    public String completeCheckout(String checkoutSessionId) {
        return simulate(() -> model.completeCheckout(checkoutSessionId));
    }

    /**
     * A renewal payment fails: a new open invoice for the next period (or another failed attempt on the
     * open one); the subscription becomes {@code past_due}. Answers {@code invoice.payment_failed}.
     */
    public String failPayment(String subscriptionId) {
        return simulate(() -> model.failPayment(subscriptionId));
    }

    /**
     * A payment succeeds: pays the subscription's open invoice, or else bills and pays the next period;
     * the subscription becomes {@code active}. Answers {@code invoice.paid}.
     */
    public String succeedPayment(String subscriptionId) {
        return simulate(() -> model.succeedPayment(subscriptionId));
    }

    /** Pays an open invoice (its subscription becomes {@code active}). Answers {@code invoice.paid}. */
    public String payInvoice(String invoiceId) {
        return simulate(() -> model.payInvoice(invoiceId));
    }

    /** Answers the {@code invoice.finalized} event of an invoice (finalizing a draft first). */
    public String invoiceFinalized(String invoiceId) {
        return simulate(() -> model.invoiceFinalized(invoiceId));
    }

    /**
     * A {@code customer.subscription.*} event (e.g. {@code created}, {@code updated}, {@code deleted})
     * for the subscription as it is; {@code customer.subscription.deleted} cancels it first.
     */
    public String subscriptionEvent(String type, String subscriptionId) {
        return simulate(() -> model.subscriptionEvent(type, subscriptionId));
    }

    /** The id of the subscription's latest invoice. */
    public String latestInvoiceId(String subscriptionId) {
        return simulate(() -> model.latestInvoiceId(subscriptionId));
    }

    private static String simulate(java.util.function.Supplier<String> action) {
        try {
            return action.get();
        } catch (StripeApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
