package com.hostmcp.standin.hostaway;

import java.util.Objects;

/**
 * One Hostaway account served by the stand-in.
 *
 * @param accountId the Hostaway account id, used as OAuth {@code client_id}
 * @param secret the current client secret (changes after {@link HostawayStandIn#rotateSecret})
 * @param listings the total number of seeded listings, archived ones included
 * @param archivedListings how many of the seeded listings have {@code specialStatus = "archived"}
 */
public record HostawayAccount(long accountId, String secret, int listings, int archivedListings) {

    /** Listing ids are {@code accountId * 10_000 + n}, so ids of different accounts never collide. */
    public static final long LISTING_ID_FACTOR = 10_000L;
    /** Reservation, conversation and message ids are {@code accountId * 100_000 + n}. */
    public static final long OBJECT_ID_FACTOR = 100_000L;

    public HostawayAccount {
        Objects.requireNonNull(secret, "secret");
        if (accountId <= 0) {
            throw new IllegalArgumentException("accountId must be positive");
        }
        if (listings < 0 || listings >= LISTING_ID_FACTOR) {
            throw new IllegalArgumentException("listings must be between 0 and " + (LISTING_ID_FACTOR - 1));
        }
        if (archivedListings < 0 || archivedListings > listings) {
            throw new IllegalArgumentException("archivedListings must be between 0 and listings");
        }
    }

    /** The number of seeded listings that are not archived. */
    public int activeListings() {
        return listings - archivedListings;
    }

    /**
     * The id of the n-th seeded listing (1-based). Seeded listings 1..{@code activeListings()} are active, the last
     * {@code archivedListings} are archived.
     */
    public long listingId(int n) {
        if (n < 1 || n > listings) {
            throw new IllegalArgumentException("listing number must be between 1 and " + listings);
        }
        return accountId * LISTING_ID_FACTOR + n;
    }

    /** Whether a listing id falls in this account's id range (seeded or created later). */
    public boolean ownsListingId(long listingId) {
        return listingId / LISTING_ID_FACTOR == accountId;
    }

    HostawayAccount withSecret(String newSecret) {
        return new HostawayAccount(accountId, newSecret, listings, archivedListings);
    }
}
