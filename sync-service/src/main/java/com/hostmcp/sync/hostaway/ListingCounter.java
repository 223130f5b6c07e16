package com.hostmcp.sync.hostaway;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.sync.ListingCount;
import com.hostmcp.sync.config.HostawayConfig;

/**
 * Counts an account's listings with as few requests as the definition of "active" allows.
 * <p>
 * Active = {@code specialStatus} is not {@code "archived"} (Hostaway's only listing status field; there is no
 * {@code isActive}). Hostaway cannot filter on it, so the count walks {@code GET /v1/listings} in pages of
 * {@code hostaway.page-size} (500) and reads only {@code id} and {@code specialStatus} of each listing. Total = the
 * {@code count} Hostaway reports on the last page (every listing, archived included), which also says when the walk is
 * done, so a server that silently caps the page size cannot cut it short. 520 listings cost one token request and two
 * pages.
 * <p>
 * Every run requests a fresh token: it costs one request per organization per run, and it proves the stored credentials
 * each time, so a rotated or revoked secret is reported the same day (a cached token keeps working after a rotation).
 */
@ApplicationScoped
public class ListingCounter {

    private static final String ARCHIVED = "archived";

    private final HostawayCalls calls;
    private final Duration tokenActivationDelay;
    private final int pageSize;

    public ListingCounter(HostawayCalls calls, HostawayConfig config) {
        this.calls = calls;
        this.tokenActivationDelay = config.tokenActivationDelay();
        this.pageSize = config.pageSize();
        if (pageSize < 1) {
            throw new IllegalArgumentException("hostaway.page-size must be positive");
        }
    }

    /**
     * @throws HostawayRejectedException when Hostaway refuses the credentials (the token request, or a listing call
     *         with the token it just issued)
     * @throws HostawayUnavailableException when Hostaway cannot answer after the retries
     */
    public ListingCount count(String accountId, String secretKey) {
        String token = calls.accessToken(accountId, secretKey);
        awaitActivation();
        int offset = 0;
        int active = 0;
        Integer reportedTotal;
        List<HostawayClient.Listing> rows;
        do {
            HostawayClient.ListingsPage page = calls.listingsPage(accountId, token, pageSize, offset);
            rows = page.result() == null ? List.of() : page.result();
            reportedTotal = page.count();
            for (HostawayClient.Listing listing : rows) {
                if (!ARCHIVED.equals(listing.specialStatus())) {
                    active++;
                }
            }
            offset += rows.size();
        } while (!rows.isEmpty() && (reportedTotal != null ? offset < reportedTotal : rows.size() == pageSize));
        // listings added or removed during the walk can shift pages; the count stays within the listings seen and
        // reported, and the next run corrects it
        int total = reportedTotal != null ? Math.max(reportedTotal, 0) : offset;
        return new ListingCount(Math.min(active, total), total);
    }

    private void awaitActivation() {
        if (tokenActivationDelay.isZero() || tokenActivationDelay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(tokenActivationDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostawayUnavailableException(0, "interrupted while waiting for the new token to activate");
        }
    }
}
