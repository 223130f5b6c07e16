package com.hostmcp.gateway.hostaway;

import java.util.UUID;

import com.hostmcp.gateway.OrganizationState;

/**
 * Gives a tool call the Hostaway API of its organization. The implementation keeps one token, rate limiter and
 * circuit breaker per Hostaway account across calls.
 */
public interface HostawayAccounts {

    /**
     * @param organization must be CONNECTED with encrypted credentials
     * @param stats where the returned operations record each HTTP exchange of this tool call
     */
    HostawayOperations forOrganization(UUID organizationId, OrganizationState organization, HostawayCallStats stats);
}
