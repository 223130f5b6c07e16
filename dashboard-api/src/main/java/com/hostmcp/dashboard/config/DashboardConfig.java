package com.hostmcp.dashboard.config;

import java.net.URI;

import io.smallrye.config.ConfigMapping;

/** The dashboard's own settings ({@code dashboard.*}). */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    /** Where users reach the dashboard; Stripe sends them back to pages under it. */
    URI publicUrl();

    /** The public MCP endpoint the onboarding snippets point MCP clients at. */
    String gatewayUrl();

    /**
     * Whether the first sign-in needs a verified e-mail address: tenant-service joins a user to the organization that
     * invited their address, so an unverified one could claim someone else's invitation.
     */
    boolean requireVerifiedEmail();
}
