package com.hostmcp.gateway.invocation;

import com.hostmcp.gateway.hostaway.HostawayException;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolFailure;

/** The one place where a failed tool call becomes a tool error the model can act on. */
final class FailureMapping {

    private FailureMapping() {
    }

    /** {@code null} for failures that are not the client's to handle (bugs): the caller reports those as internal. */
    static ToolOutcome toOutcome(Throwable failure) {
        if (failure instanceof ToolFailure tool) {
            return ToolOutcome.error(tool.errorType(), tool.getMessage(), tool.remediation(),
                    tool.retryAfterSeconds().isPresent() ? tool.retryAfterSeconds().getAsLong() : null);
        }
        if (failure instanceof HostawayException.NotFound notFound) {
            return ToolOutcome.error(ErrorType.NOT_FOUND, notFound.getMessage(),
                    "Check the id: use list_listings, search_reservations or list_conversations to find ids that"
                            + " belong to this Hostaway account.",
                    null);
        }
        if (failure instanceof HostawayException.Rejected rejected) {
            return ToolOutcome.error(ErrorType.VALIDATION, "Hostaway refused the request: " + rejected.getMessage(),
                    "Correct the values Hostaway names and call again; archived listings cannot be changed.", null);
        }
        if (failure instanceof HostawayException.RateLimited limited) {
            return ToolOutcome.error(ErrorType.RATE_LIMITED, limited.getMessage(),
                    "Hostaway allows 20 requests per 10 s per account: wait, then call again with fewer or"
                            + " narrower requests.",
                    limited.retryAfterSeconds());
        }
        if (failure instanceof HostawayException.CredentialsRejected rejected) {
            return ToolOutcome.error(ErrorType.UNAUTHORIZED, rejected.getMessage(),
                    "The organization's Hostaway credentials no longer work: an admin must reconnect Hostaway"
                            + " (account id and API secret) in the HostMCP dashboard.",
                    null);
        }
        if (failure instanceof HostawayException.Unavailable unavailable) {
            return ToolOutcome.error(ErrorType.UPSTREAM, unavailable.getMessage(),
                    "Hostaway is not answering properly right now; try again later.",
                    unavailable.retryAfterSeconds());
        }
        if (failure instanceof HostawayException.Timeout timeout) {
            return ToolOutcome.error(ErrorType.TIMEOUT, timeout.getMessage(),
                    "Hostaway did not answer in time; try again, with a narrower request if it was a large one.",
                    null);
        }
        return null;
    }
}
