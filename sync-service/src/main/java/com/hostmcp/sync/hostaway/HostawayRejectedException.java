package com.hostmcp.sync.hostaway;

/** Hostaway refused the credentials: the account id or secret key is wrong, or the secret was rotated or revoked. */
public class HostawayRejectedException extends RuntimeException {

    private final int httpStatus;

    public HostawayRejectedException(int httpStatus, String reason) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
