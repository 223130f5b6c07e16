package com.hostmcp.standin.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP face of the stand-in: authenticates, parses Stripe's form encoding, applies
 * {@code Idempotency-Key} semantics, routes {@code /v1/...} to the {@link StripeModel} and serves
 * the Checkout / portal / invoice pages.
 */
final class StripeApi {

    /** An HTTP answer. */
    record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

        static ApiResponse json(int status, String json, Map<String, String> headers) {
            return new ApiResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
        }

        String bodyAsString() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record IdempotentResult(String fingerprint, int status, String body) {
    }

    private static final int JOURNAL_LIMIT = 10_000;
    private static final int IDEMPOTENCY_LIMIT = 10_000;

    private final StripeModel model;
    private final StripePages pages;
    private final Map<String, IdempotentResult> idempotency = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IdempotentResult> eldest) {
            return size() > IDEMPOTENCY_LIMIT;
        }
    };
    private final Deque<RecordedStripeRequest> journal = new ArrayDeque<>();

    StripeApi(StripeModel model) {
        this.model = model;
        this.pages = new StripePages(model);
    }

    // ------------------------------------------------------------------ journal

    List<RecordedStripeRequest> requests() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    void reset() {
        synchronized (model) {
            idempotency.clear();
        }
        synchronized (journal) {
            journal.clear();
        }
    }

    private void record(RecordedStripeRequest request) {
        synchronized (journal) {
            journal.addLast(request);
            while (journal.size() > JOURNAL_LIMIT) {
                journal.removeFirst();
            }
        }
    }

    // ------------------------------------------------------------------ entry point

    ApiResponse handle(String method, String url, Function<String, String> header, String body) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            return handleApi(upperMethod, path, query, header, body);
        }
        FormParams params = FormParams.merge(FormParams.parse(query),
                "POST".equals(upperMethod) ? FormParams.parse(body) : FormParams.empty());
        synchronized (model) {
            return pages.handle(upperMethod, path, params);
        }
    }

    private ApiResponse handleApi(String method, String path, String query, Function<String, String> header,
            String body) {
        Instant receivedAt = Instant.now();
        String requestId = StripeIds.next("req_", 14);
        String idempotencyKey = emptyToNull(header.apply("Idempotency-Key"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Request-Id", requestId);
        String version = emptyToNull(header.apply("Stripe-Version"));
        headers.put("Stripe-Version", version == null ? StripeStandIn.API_VERSION : version);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Cache-Control", "no-cache, no-store");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }

        FormParams params;
        try {
            FormParams queryParams = FormParams.parse(query);
            params = "POST".equals(method) ? FormParams.merge(queryParams, FormParams.parse(body)) : queryParams;
        } catch (IllegalArgumentException e) {
            ApiResponse response = error(StripeApiError.invalidRequest("Invalid request encoding: " + e.getMessage(), null),
                    headers);
            record(new RecordedStripeRequest(method, path, Map.of(), idempotencyKey, response.status(), receivedAt));
            return response;
        }

        ApiResponse response;
        try {
            authenticate(header.apply("Authorization"));
            if ("POST".equals(method) && idempotencyKey != null) {
                response = idempotent(method, path, params, idempotencyKey, requestId, headers);
            } else {
                response = execute(method, path, params, requestId, null, headers);
            }
        } catch (StripeApiError e) {
            response = error(e, headers);
        }
        record(new RecordedStripeRequest(method, path, params.flat(), idempotencyKey, response.status(), receivedAt));
        return response;
    }

    private static void authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw StripeApiError.missingApiKey();
        }
        String key;
        String trimmed = authorization.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = trimmed.substring(7).trim();
        } else if (trimmed.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(trimmed.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw StripeApiError.missingApiKey();
            }
            int colon = decoded.indexOf(':');
            key = colon < 0 ? decoded : decoded.substring(0, colon);
        } else {
            throw StripeApiError.missingApiKey();
        }
        if (key.isEmpty()) {
            throw StripeApiError.missingApiKey();
        }
        if (!StripeStandIn.isAcceptedApiKey(key)) {
            throw StripeApiError.invalidApiKey(key);
        }
    }

    private ApiResponse idempotent(String method, String path, FormParams params, String key, String requestId,
            Map<String, String> headers) {
        String fingerprint = method + " " + path + " " + params.fingerprint();
        synchronized (model) {
            IdempotentResult previous = idempotency.get(key);
            if (previous != null) {
                if (!previous.fingerprint().equals(fingerprint)) {
                    throw StripeApiError.idempotencyMismatch(key);
                }
                Map<String, String> replayHeaders = new LinkedHashMap<>(headers);
                replayHeaders.put("Idempotent-Replayed", "true");
                return ApiResponse.json(previous.status(), previous.body(), replayHeaders);
            }
            ApiResponse response;
            try {
                response = execute(method, path, params, requestId, key, headers);
            } catch (StripeApiError e) {
                response = error(e, headers);
            }
            // Like Stripe: a result is saved once execution began; validation and lookup errors are not.
            if (response.status() < 400 || response.status() >= 500) {
                idempotency.put(key, new IdempotentResult(fingerprint, response.status(), response.bodyAsString()));
            }
            return response;
        }
    }

    private ApiResponse execute(String method, String path, FormParams params, String requestId, String idempotencyKey,
            Map<String, String> headers) {
        synchronized (model) {
            model.setCurrentRequest(new StripeModel.RequestInfo(requestId, idempotencyKey));
            try {
                ObjectNode result = route(method, path, params);
                List<String> expand = params.strings("expand");
                if (!expand.isEmpty()) {
                    model.expand(result, expand);
                }
                return ApiResponse.json(200, StripeModel.write(result), headers);
            } finally {
                model.setCurrentRequest(null);
            }
        }
    }

    private static ApiResponse error(StripeApiError e, Map<String, String> headers) {
        return ApiResponse.json(e.status, StripeModel.write(e.toJson()), headers);
    }

    // ------------------------------------------------------------------ routing

    private ObjectNode route(String method, String path, FormParams params) {
        List<String> s = segments(path);
        int n = s.size();
        String resource = n > 1 ? s.get(1) : "";
        switch (resource) {
            case "customers":
                if (n == 2 && "POST".equals(method)) {
                    return model.createCustomer(params);
                }
                if (n == 2 && "GET".equals(method)) {
                    return model.listCustomers(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrieveCustomer(s.get(2));
                }
                if (n == 3 && "POST".equals(method)) {
                    return model.updateCustomer(s.get(2), params);
                }
                break;
            case "products":
                if (n == 2 && "POST".equals(method)) {
                    return model.createProduct(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrieveProduct(s.get(2));
                }
                break;
            case "prices":
                if (n == 2 && "POST".equals(method)) {
                    return model.createPrice(params);
                }
                if (n == 2 && "GET".equals(method)) {
                    return model.listPrices(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrievePrice(s.get(2));
                }
                break;
            case "checkout":
                if (n >= 3 && "sessions".equals(s.get(2))) {
                    if (n == 3 && "POST".equals(method)) {
                        return model.createCheckoutSession(params);
                    }
                    if (n == 3 && "GET".equals(method)) {
                        return model.listCheckoutSessions(params);
                    }
                    if (n == 4 && "GET".equals(method)) {
                        return model.retrieveCheckoutSession(s.get(3));
                    }
                    if (n == 5 && "GET".equals(method) && "line_items".equals(s.get(4))) {
                        return model.checkoutSessionLineItems(s.get(3), params);
                    }
                    if (n == 5 && "POST".equals(method) && "expire".equals(s.get(4))) {
                        return model.expireCheckoutSession(s.get(3));
                    }
                }
                break;
            case "billing_portal":
                if (n == 3 && "sessions".equals(s.get(2)) && "POST".equals(method)) {
                    return model.createPortalSession(params);
                }
                break;
            case "subscriptions":
                if (n == 2 && "POST".equals(method)) {
                    return model.createSubscriptionFromApi(params);
                }
                if (n == 2 && "GET".equals(method)) {
                    return model.listSubscriptions(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrieveSubscription(s.get(2));
                }
                if (n == 3 && "POST".equals(method)) {
                    return model.updateSubscription(s.get(2), params);
                }
                if (n == 3 && "DELETE".equals(method)) {
                    return model.cancelSubscription(s.get(2), params);
                }
                break;
            case "subscription_items":
                if (n == 2 && "GET".equals(method)) {
                    return model.listSubscriptionItems(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrieveSubscriptionItem(s.get(2));
                }
                if (n == 3 && "POST".equals(method)) {
                    return model.updateSubscriptionItem(s.get(2), params);
                }
                break;
            case "invoices":
                if (n == 2 && "GET".equals(method)) {
                    return model.listInvoices(params);
                }
                if (n == 3 && "POST".equals(method) && "create_preview".equals(s.get(2))) {
                    return model.createPreview(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrieveInvoice(s.get(2));
                }
                if (n == 4 && "GET".equals(method) && "lines".equals(s.get(3))) {
                    return model.invoiceLines(s.get(2), params);
                }
                if (n == 4 && "POST".equals(method) && "pay".equals(s.get(3))) {
                    return model.payInvoiceFromApi(s.get(2));
                }
                break;
            case "events":
                if (n == 2 && "GET".equals(method)) {
                    return model.listEvents(params);
                }
                if (n == 3 && "GET".equals(method)) {
                    return model.retrieveEvent(s.get(2));
                }
                break;
            default:
                break;
        }
        throw StripeApiError.unrecognizedUrl(method, path);
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                segments.add(java.net.URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
