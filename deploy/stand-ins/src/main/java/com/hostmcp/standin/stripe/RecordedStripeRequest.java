package com.hostmcp.standin.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the stand-in served under {@code /v1}, for assertions in tests.
 *
 * @param method the HTTP method, upper case
 * @param path the path without the query string, e.g. {@code /v1/subscription_items/si_123}
 * @param params the form (POST) or query (GET, DELETE) parameters with their raw bracket-notation
 *        keys, e.g. {@code line_items[0][quantity]}, in request order
 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
 * @param status the HTTP status answered
 * @param receivedAt when the request arrived
 */
public record RecordedStripeRequest(String method, String path, Map<String, List<String>> params, String idempotencyKey,
        int status, Instant receivedAt) {

    public RecordedStripeRequest {
        params = Map.copyOf(params);
    }

    /** The first value of a parameter (raw key, e.g. {@code metadata[org_id]}), or {@code null}. */
    public String param(String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
