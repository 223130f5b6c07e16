package com.hostmcp.tenant;

/** What a member may do: members read; admins and owners also manage keys, credentials and billing. */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    public boolean canManage() {
        return this != MEMBER;
    }
}
