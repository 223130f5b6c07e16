package com.hostmcp.gateway.invocation;

import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolResult;

/** How one call ended, before it becomes an MCP response and two events. */
record ToolOutcome(Kind kind, ToolResult result, ErrorType errorType, String message, String remediation,
        Long retryAfterSeconds) {

    /** The ToolInvoked/UsageRecorded {@code outcome}. */
    enum Kind {
        SUCCESS,
        ERROR,
        REFUSED
    }

    static ToolOutcome success(ToolResult result) {
        return new ToolOutcome(Kind.SUCCESS, result, null, null, null, null);
    }

    static ToolOutcome error(ErrorType type, String message, String remediation, Long retryAfterSeconds) {
        return new ToolOutcome(Kind.ERROR, null, type, message, remediation, retryAfterSeconds);
    }

    static ToolOutcome refused(ErrorType type, String message, String remediation) {
        return new ToolOutcome(Kind.REFUSED, null, type, message, remediation, null);
    }

    /** The text the client sees for a failed call: the error type first, so that a model can branch on it. */
    String errorText() {
        String wait = retryAfterSeconds == null ? "" : " Retry after " + retryAfterSeconds + " s.";
        return "[" + errorType.wireName() + "] " + message + wait + "\nWhat to do: " + remediation;
    }
}
