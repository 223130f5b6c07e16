package com.hostmcp.dashboard.client;

/** What every internal REST client shares. */
public final class InternalCalls {

    /** tenant-service checks membership and role of the user named here (the caller's OIDC subject). */
    public static final String ACTING_USER = "X-Acting-User";

    /** Reads: a few seconds per attempt, retried twice when the service could not be reached or was too slow. */
    public static final long READ_TIMEOUT_MS = 5_000;
    public static final int READ_RETRIES = 2;
    public static final long RETRY_DELAY_MS = 150;
    /** Changes are never repeated by us (a lost answer may hide a change that was made). */
    public static final long WRITE_TIMEOUT_MS = 15_000;
    /** tenant-service checks Hostaway credentials with up to three 15 s attempts. */
    public static final long HOSTAWAY_CHECK_TIMEOUT_MS = 55_000;

    private InternalCalls() {
    }
}
