package com.hostmcp.gateway;

/** State of an organization's Hostaway connection (OrganizationUpdated.data.hostaway.status). */
public enum HostawayStatus {
    NOT_CONNECTED,
    CONNECTED,
    INVALID
}
