package com.hostmcp.tenant.messaging;

import java.time.Instant;
import java.util.UUID;

import com.hostmcp.tenant.MemberRole;

/**
 * The data of tenant-service's domain events and of its API-key state records, as the contracts in
 * {@code docs/events} describe them. Each record names its CloudEvents type.
 */
public final class TenantEventData {

    private TenantEventData() {
    }

    public record OrganizationRenamed(UUID organizationId, String name, String previousName, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.OrganizationRenamed.v1";
    }

    public record MemberAdded(UUID organizationId, UUID memberId, String email, MemberRole role, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.MemberAdded.v1";
    }

    public record MemberRoleChanged(UUID organizationId, UUID memberId, MemberRole role, MemberRole previousRole,
            Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.MemberRoleChanged.v1";
    }

    public record MemberRemoved(UUID organizationId, UUID memberId, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.MemberRemoved.v1";
    }

    public record HostawayCredentialsConnected(UUID organizationId, String accountId, boolean replaced, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.HostawayCredentialsConnected.v1";
    }

    public record HostawayCredentialsInvalidated(UUID organizationId, String accountId, String reason, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.HostawayCredentialsInvalidated.v1";
    }

    public record HostawayCredentialsDisconnected(UUID organizationId, String accountId, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.HostawayCredentialsDisconnected.v1";
    }

    public record ApiKeyCreated(UUID organizationId, UUID keyId, String name, String displayHint, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.ApiKeyCreated.v1";
    }

    public enum RevokeReason {
        REVOKED,
        REGENERATED
    }

    public record ApiKeyRevoked(UUID organizationId, UUID keyId, RevokeReason reason, Actor actor) {
        public static final String TYPE = "com.hostmcp.tenant.ApiKeyRevoked.v1";
    }

    /** State record on the compacted {@link TenantTopics#API_KEYS} topic, keyed by {@code keyHash}. */
    public record ApiKeyIssued(UUID organizationId, UUID keyId, String keyHash, String displayHint, String name,
            Instant createdAt) {
        public static final String TYPE = "com.hostmcp.tenant.ApiKeyIssued.v1";
    }
}
