package com.hostmcp.tenant.service;

/**
 * A request that cannot be served as asked, with what the caller should know. Services throw it; the REST layer turns
 * it into RFC 9457 problem details ({@code com.hostmcp.tenant.rest.ProblemMapper}).
 */
public class TenantProblem extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400, "Bad request"),
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "Not found"),
        CONFLICT(409, "Conflict"),
        UNPROCESSABLE(422, "Unprocessable request"),
        UNAVAILABLE(503, "Service unavailable");

        public final int status;
        public final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    private final Kind kind;
    private final Integer retryAfterSeconds;

    private TenantProblem(Kind kind, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static TenantProblem badRequest(String detail) {
        return new TenantProblem(Kind.BAD_REQUEST, detail, null);
    }

    public static TenantProblem forbidden(String detail) {
        return new TenantProblem(Kind.FORBIDDEN, detail, null);
    }

    public static TenantProblem notFound(String detail) {
        return new TenantProblem(Kind.NOT_FOUND, detail, null);
    }

    public static TenantProblem conflict(String detail) {
        return new TenantProblem(Kind.CONFLICT, detail, null);
    }

    public static TenantProblem unprocessable(String detail) {
        return new TenantProblem(Kind.UNPROCESSABLE, detail, null);
    }

    public static TenantProblem unavailable(String detail, int retryAfterSeconds) {
        return new TenantProblem(Kind.UNAVAILABLE, detail, retryAfterSeconds);
    }

    public Kind kind() {
        return kind;
    }

    /** Seconds after which a retry may succeed (503 only), or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
