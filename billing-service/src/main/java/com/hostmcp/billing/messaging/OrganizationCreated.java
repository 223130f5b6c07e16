package com.hostmcp.billing.messaging;

import java.util.UUID;

/** The part of {@code com.hostmcp.tenant.OrganizationCreated.v1} (on tenant.events.v1) that billing uses. */
public record OrganizationCreated(UUID organizationId) {

    public static final String TYPE = "com.hostmcp.tenant.OrganizationCreated.v1";
}
