package com.hostmcp.standin.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answered in Stripe's shape: {@code {"error":{"type":..,"code":..,"message":..,"param":..}}}. */
final class StripeApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String type;
    final String code;
    final String param;

    StripeApiError(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static StripeApiError missingParam(String param) {
        return new StripeApiError(400, "invalid_request_error", "parameter_missing", "Missing required param: " + param + ".",
                param);
    }

    static StripeApiError invalidRequest(String message, String param) {
        return new StripeApiError(400, "invalid_request_error", param == null ? null : "parameter_invalid", message, param);
    }

    static StripeApiError invalidInteger(String param, String value) {
        return new StripeApiError(400, "invalid_request_error", "parameter_invalid_integer",
                "Invalid integer: " + value, param);
    }

    static StripeApiError noSuch(String resource, String id, String param) {
        return new StripeApiError(404, "invalid_request_error", "resource_missing",
                "No such " + resource + ": '" + id + "'", param);
    }

    static StripeApiError unrecognizedUrl(String method, String path) {
        return new StripeApiError(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs or we can help at"
                        + " https://support.stripe.com/.",
                null);
    }

    static StripeApiError missingApiKey() {
        return new StripeApiError(401, "invalid_request_error", null,
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer"
                        + " auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
                null);
    }

    static StripeApiError invalidApiKey(String key) {
        String shown = key.length() <= 8 ? key : key.substring(0, 8) + "*".repeat(Math.min(12, key.length() - 8));
        return new StripeApiError(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided: " + shown,
                null);
    }

    static StripeApiError idempotencyMismatch(String key) {
        return new StripeApiError(400, "idempotency_error", null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with. Try"
                        + " using a key other than '" + key + "' if you meant to execute a different request.",
                null);
    }

    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return root;
    }
}
