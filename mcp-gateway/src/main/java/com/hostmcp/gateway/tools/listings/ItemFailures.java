package com.hostmcp.gateway.tools.listings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayException;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolFailure;

/**
 * The {@code failed} entries of a batch result: why one item failed ({@code errorType} of the partial-failure shape:
 * not_found, validation, rate_limited, unauthorized, upstream or timeout), Hostaway's client-safe message and what to
 * do. The invocation pipeline maps a whole call's failures itself; inside a batch each item is mapped here.
 */
final class ItemFailures {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemFailures() {
    }

    static ObjectNode of(long id, Throwable error) {
        if (error instanceof HostawayException.NotFound) {
            return entry(id, ErrorType.NOT_FOUND, "Listing " + id + " was not found in this Hostaway account.",
                    "Check the id with list_listings (match = part of the name); ids of other accounts are not"
                            + " visible.");
        }
        if (error instanceof HostawayException.Rejected) {
            return entry(id, ErrorType.VALIDATION, "Hostaway refused the change: " + error.getMessage(),
                    "Fix the values named in the message and send this item again; archived listings (archived:"
                            + " true in get_listing) accept no changes.");
        }
        if (error instanceof HostawayException.RateLimited limited) {
            return entry(id, ErrorType.RATE_LIMITED, "Hostaway's rate limit was still used up when the batch had to"
                    + " finish.",
                    "Send this item again in a new batch after " + Math.max(1,
                            limited.retryAfterSeconds()) + " seconds.");
        }
        if (error instanceof HostawayException.CredentialsRejected) {
            return entry(id, ErrorType.UNAUTHORIZED, "Hostaway refused the organization's API credentials.",
                    "Ask an organization admin to update the Hostaway account id and secret in HostMCP, then retry.");
        }
        if (error instanceof HostawayException.Unavailable unavailable) {
            return entry(id, ErrorType.UPSTREAM, "Hostaway is not available right now.",
                    "Retry this item after " + Math.max(1, unavailable.retryAfterSeconds()) + " seconds.");
        }
        if (error instanceof HostawayException.Timeout) {
            return entry(id, ErrorType.TIMEOUT, "Hostaway did not answer in time; the change may or may not have been"
                    + " applied.", "Check the listing with get_listing; sending the same change again is safe.");
        }
        if (error instanceof ToolFailure failure) {
            return entry(id, batchType(failure.errorType()), failure.getMessage(), failure.remediation());
        }
        return entry(id, ErrorType.UPSTREAM, "The update failed unexpectedly.",
                "Check the listing with get_listing and send this item again.");
    }

    static ObjectNode validation(long id, String message, String remediation) {
        return entry(id, ErrorType.VALIDATION, message, remediation);
    }

    /** The error types a batch item can report (entitlement and internal failures are upstream problems here). */
    private static ErrorType batchType(ErrorType type) {
        return switch (type) {
            case NOT_FOUND, VALIDATION, RATE_LIMITED, UNAUTHORIZED, UPSTREAM, TIMEOUT -> type;
            case ENTITLEMENT -> ErrorType.UNAUTHORIZED;
            case INTERNAL -> ErrorType.UPSTREAM;
        };
    }

    private static ObjectNode entry(long id, ErrorType type, String message, String remediation) {
        ObjectNode entry = NODES.objectNode();
        entry.put("id", id);
        entry.put("errorType", type.wireName());
        entry.put("message", message);
        entry.put("remediation", remediation);
        return entry;
    }
}
