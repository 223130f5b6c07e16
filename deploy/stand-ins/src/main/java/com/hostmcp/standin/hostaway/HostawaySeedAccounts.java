package com.hostmcp.standin.hostaway;

import java.util.List;

/**
 * The accounts every {@link HostawayStandIn} starts with. Ids and secrets are fixed, obviously fake constants, so tests
 * and the local stack can use them without configuration. The data of each account is generated deterministically from
 * the account id (same data after every start or {@link HostawayStandIn#reset()}).
 */
public final class HostawaySeedAccounts {

    public static final long SMALL_ACCOUNT_ID = 10001L;
    public static final String SMALL_SECRET = "standin-secret-10001-5b1f0c9e2a7d4c38b6e1f0a9d2c7e4b1";

    public static final long MEDIUM_ACCOUNT_ID = 10002L;
    public static final String MEDIUM_SECRET = "standin-secret-10002-8c3e6a1f4b9d2e7c0a5f3b8d1e6c9a2f";

    public static final long LARGE_ACCOUNT_ID = 10003L;
    public static final String LARGE_SECRET = "standin-secret-10003-2d7a9c4e1b6f3a8d5c0e7b2f9a4d1c6e";

    /** 3 listings in Germany: 2 active, 1 archived; several reservations per listing. */
    public static final HostawayAccount ACCOUNT_SMALL = new HostawayAccount(SMALL_ACCOUNT_ID, SMALL_SECRET, 3, 1);

    /** 12 listings in several European and US cities: 10 active, 2 archived; several reservations per listing. */
    public static final HostawayAccount ACCOUNT_MEDIUM = new HostawayAccount(MEDIUM_ACCOUNT_ID, MEDIUM_SECRET, 12, 2);

    /** 520 listings worldwide: 500 active, 20 archived; two reservations per listing. */
    public static final HostawayAccount ACCOUNT_LARGE = new HostawayAccount(LARGE_ACCOUNT_ID, LARGE_SECRET, 520, 20);

    public static final List<HostawayAccount> ALL = List.of(ACCOUNT_SMALL, ACCOUNT_MEDIUM, ACCOUNT_LARGE);

    /** The id of the first generated account ({@link #generated(int)}). */
    public static final long FIRST_GENERATED_ACCOUNT_ID = 20001L;
    /** Listings of each generated account: 4 active, 1 archived. */
    public static final int GENERATED_LISTINGS = 5;

    /**
     * The {@code index}-th (from 0) of the extra accounts a stand-in started with {@code --generated-accounts N} has, so
     * that benchmarks can give each of many organizations its own account (Hostaway limits requests per account).
     */
    public static HostawayAccount generated(int index) {
        if (index < 0 || index >= 9_999) {
            throw new IllegalArgumentException("generated account index out of range: " + index);
        }
        long accountId = FIRST_GENERATED_ACCOUNT_ID + index;
        return new HostawayAccount(accountId, "standin-secret-" + accountId + "-generated", GENERATED_LISTINGS, 1);
    }

    private HostawaySeedAccounts() {
    }
}
