package com.hostmcp.tenant.service;

import java.util.UUID;

/**
 * Fired (synchronous CDI event) by {@link HostawayCredentialService} after a transaction that turned an organization's
 * Hostaway credentials INVALID has committed; once per actual change, never for a redelivery.
 */
public record CredentialsInvalidatedNotice(UUID organizationId, String accountId, String reason) {
}
