package com.hostmcp.billing.service;

import java.util.List;

/**
 * A request that cannot be served as asked, with what the caller should know. Services throw it; the REST layer turns
 * it into RFC 9457 problem details ({@code com.hostmcp.billing.rest.ProblemMapper}).
 */
public class BillingProblem extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400, "Bad request"),
        NOT_FOUND(404, "Not found"),
        CONFLICT(409, "Conflict"),
        BAD_GATEWAY(502, "Bad gateway"),
        UNAVAILABLE(503, "Service unavailable");

        public final int status;
        public final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    /** A named field of the request and what is wrong with it. */
    public record InvalidField(String field, String message) {
    }

    private final Kind kind;
    private final List<InvalidField> invalidFields;

    private BillingProblem(Kind kind, String detail, List<InvalidField> invalidFields) {
        super(detail, null, false, false);
        this.kind = kind;
        this.invalidFields = invalidFields;
    }

    public static BillingProblem invalidFields(List<InvalidField> fields) {
        return new BillingProblem(Kind.BAD_REQUEST, "the request has invalid fields", List.copyOf(fields));
    }

    public static BillingProblem notFound(String detail) {
        return new BillingProblem(Kind.NOT_FOUND, detail, List.of());
    }

    public static BillingProblem conflict(String detail) {
        return new BillingProblem(Kind.CONFLICT, detail, List.of());
    }

    public static BillingProblem badGateway(String detail) {
        return new BillingProblem(Kind.BAD_GATEWAY, detail, List.of());
    }

    public static BillingProblem unavailable(String detail) {
        return new BillingProblem(Kind.UNAVAILABLE, detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<InvalidField> invalidFields() {
        return invalidFields;
    }
}
