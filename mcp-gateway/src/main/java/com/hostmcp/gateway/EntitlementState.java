package com.hostmcp.gateway;

/** Billing state of an organization (EntitlementChanged.data.state). */
public enum EntitlementState {
    TRIAL,
    ACTIVE,
    PAST_DUE,
    SUSPENDED,
    CANCELED
}
