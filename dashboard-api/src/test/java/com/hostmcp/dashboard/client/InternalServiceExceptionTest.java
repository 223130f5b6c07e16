package com.hostmcp.dashboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hostmcp.rest.Problems.FieldError;

/** How an internal service's error answer is read (plain unit test: the answers are the services' documented shapes). */
class InternalServiceExceptionTest {

    @Test
    void aProblemDocumentGivesItsDetailFieldErrorsAndRetryAfter() {
        InternalServiceException failure = InternalServiceException.of("tenant-service", 400,
                "{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":400,\"detail\":\"the request has "
                        + "invalid fields\",\"errors\":[{\"field\":\"email\",\"message\":\"must be a well-formed email "
                        + "address\"}]}",
                null);

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.problemDocument()).isTrue();
        assertThat(failure.detail()).isEqualTo("the request has invalid fields");
        assertThat(failure.errors()).containsExactly(new FieldError("email", "must be a well-formed email address"));
    }

    @Test
    void aBodyThatIsNoProblemDocumentLeavesOnlyTheStatus() {
        InternalServiceException failure = InternalServiceException.of("billing-service", 403,
                "<html>http://10.0.0.7:8083 forbidden</html>", "30");

        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.problemDocument()).isFalse();
        assertThat(failure.detail()).isNull();
        assertThat(failure.errors()).isEmpty();
        assertThat(failure.retryAfter()).isEqualTo("30");
    }

    @Test
    void anEmptyBodyIsNoProblemDocument() {
        assertThat(InternalServiceException.of("sync-service", 404, "", null).problemDocument()).isFalse();
        assertThat(InternalServiceException.of("sync-service", 404, null, null).problemDocument()).isFalse();
    }
}
