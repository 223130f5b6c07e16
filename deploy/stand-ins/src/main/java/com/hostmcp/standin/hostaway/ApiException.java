package com.hostmcp.standin.hostaway;

/** Ends a request with the failure envelope {@code {"status":"fail","result":message}} and the given status. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    ApiResponse toResponse() {
        return ApiResponse.fail(status, getMessage());
    }
}
