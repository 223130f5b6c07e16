package com.hostmcp.dashboard.client;

/** A member's role as tenant-service names it: members read; admins and owners also manage. */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    public boolean canManage() {
        return this != MEMBER;
    }
}
