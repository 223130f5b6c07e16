package com.hostmcp.gateway.projection;

/**
 * A record value that is not a readable event of the expected type. The message never contains the value (it may hold
 * credentials or key material), only what is wrong with it.
 */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message, null, false, false);
    }
}
