package com.hostmcp.gateway.tool;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A tool call that cannot succeed, with what the model should tell the user or do next. Its message and remediation
 * are shown to the client as they are: never put secrets, guest PII or upstream bodies into them.
 */
public class ToolFailure extends RuntimeException {

    private final ErrorType errorType;
    private final String remediation;
    private final Long retryAfterSeconds;

    public ToolFailure(ErrorType errorType, String message, String remediation) {
        this(errorType, message, remediation, null);
    }

    public ToolFailure(ErrorType errorType, String message, String remediation, Long retryAfterSeconds) {
        super(Objects.requireNonNull(message), null, false, false);
        this.errorType = Objects.requireNonNull(errorType);
        this.remediation = Objects.requireNonNull(remediation);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ToolFailure validation(String message, String remediation) {
        return new ToolFailure(ErrorType.VALIDATION, message, remediation);
    }

    public static ToolFailure notFound(String message, String remediation) {
        return new ToolFailure(ErrorType.NOT_FOUND, message, remediation);
    }

    public ErrorType errorType() {
        return errorType;
    }

    public String remediation() {
        return remediation;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
