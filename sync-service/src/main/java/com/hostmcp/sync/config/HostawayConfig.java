package com.hostmcp.sync.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How sync-service talks to Hostaway (properties {@code hostaway.*}; the base URL is {@code hostaway.api-url}). */
@ConfigMapping(prefix = "hostaway")
public interface HostawayConfig {

    /** Base URL of the Hostaway Public API (the REST client's URL is configured from it). */
    String apiUrl();

    /** Hostaway accepts a new access token only about a second after issuing it. */
    @WithDefault("1s")
    Duration tokenActivationDelay();

    /** Listings per page when walking {@code GET /v1/listings} to find archived ones. */
    @WithDefault("500")
    int pageSize();

    RateLimits rateLimit();

    interface RateLimits {

        /** Hostaway's limit per client IP; shared by every organization this replica syncs. */
        Limit global();

        /** Hostaway's limit per Hostaway account. */
        Limit perAccount();
    }

    interface Limit {

        /** Requests allowed in one window. */
        int requests();

        @WithDefault("10s")
        Duration window();
    }
}
