package com.hostmcp.sync;

/**
 * An organization's listings as one sync run saw them. {@code active} counts the billed listings: those whose Hostaway
 * {@code specialStatus} is not {@code "archived"}; {@code total} counts all of them.
 */
public record ListingCount(int active, int total) {

    public ListingCount {
        if (active < 0 || total < 0 || active > total) {
            throw new IllegalArgumentException("invalid listing count: " + active + " active of " + total);
        }
    }
}
