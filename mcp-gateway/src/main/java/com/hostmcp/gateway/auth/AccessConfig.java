package com.hostmcp.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.access.*}: who may reach the MCP endpoints and how often. */
@ConfigMapping(prefix = "gateway.access")
public interface AccessConfig {

    /**
     * Browser origins allowed to call the MCP endpoints (exact scheme://host[:port]). A request with any other Origin
     * header is refused with 403 (DNS-rebinding protection); requests without Origin (desktop and server clients) pass.
     */
    Optional<List<String>> allowedOrigins();

    /** Where users get an API key; named in every 401 answer. */
    @WithDefault("http://localhost:8081/keys")
    String keysUrl();

    /** Inbound limit per API key. */
    Limit perKey();

    /** Inbound limit per organization (all its keys together). */
    Limit perOrganization();

    /**
     * Failed authentications (a key sent that is malformed, unknown or revoked) per source address. While a source
     * has none left, all its requests that send a key are refused with 429 before the key is looked up, so that
     * guessing keys gets nowhere (valid and invalid keys get the same answer). Behind a reverse proxy the source is
     * the client's address only when {@code quarkus.http.proxy.*} trusts the proxy's forwarding headers.
     */
    Limit failedAuthenticationsPerSource();

    /** A token bucket: {@code capacity} requests at once, refilled by {@code refill-tokens} every {@code refill-period}. */
    interface Limit {
        @WithDefault("60")
        long capacity();

        @WithDefault("20")
        long refillTokens();

        @WithDefault("1s")
        Duration refillPeriod();
    }
}
