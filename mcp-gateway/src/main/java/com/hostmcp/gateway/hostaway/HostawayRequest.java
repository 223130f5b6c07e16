package com.hostmcp.gateway.hostaway;

/**
 * One Hostaway request as errors and metrics name it: {@link #name()} with the ids ("GET /v1/listings/123") for
 * messages, {@link #operation()} with the path template ("GET /v1/listings/{id}") for metric tags.
 *
 * @param idempotent false when repeating the request after it may have reached Hostaway could do the work twice
 */
record HostawayRequest(String method, String pathTemplate, String path, boolean idempotent) {

    static final HostawayRequest ISSUE_TOKEN = new HostawayRequest("POST", "/v1/accessTokens", "/v1/accessTokens",
            false);

    static HostawayRequest read(String pathTemplate, Object... ids) {
        return new HostawayRequest("GET", pathTemplate, expand(pathTemplate, ids), true);
    }

    /** A write that sets the same state when repeated (PUT, a report form post). */
    static HostawayRequest idempotentWrite(String method, String pathTemplate, Object... ids) {
        return new HostawayRequest(method, pathTemplate, expand(pathTemplate, ids), true);
    }

    /** A write that creates something each time it reaches Hostaway. */
    static HostawayRequest nonIdempotentWrite(String method, String pathTemplate, Object... ids) {
        return new HostawayRequest(method, pathTemplate, expand(pathTemplate, ids), false);
    }

    String name() {
        return method + " " + path;
    }

    String operation() {
        return method + " " + pathTemplate;
    }

    private static String expand(String template, Object... values) {
        String path = template;
        for (Object value : values) {
            int start = path.indexOf('{');
            int end = path.indexOf('}', start);
            path = path.substring(0, start) + value + path.substring(end + 1);
        }
        return path;
    }
}
