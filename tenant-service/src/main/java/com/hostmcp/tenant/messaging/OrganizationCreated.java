package com.hostmcp.tenant.messaging;

import java.util.UUID;

/** Data of {@code com.hostmcp.tenant.OrganizationCreated.v1} on {@link TenantTopics#EVENTS}. */
public record OrganizationCreated(UUID organizationId, String name, String ownerSubject, Actor actor) {

    public static final String TYPE = "com.hostmcp.tenant.OrganizationCreated.v1";
}
