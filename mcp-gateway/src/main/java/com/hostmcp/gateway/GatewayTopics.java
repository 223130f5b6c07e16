package com.hostmcp.gateway;

import java.util.List;

/** The Kafka topics the gateway reads or writes (docs/events). */
public final class GatewayTopics {

    /** Active API keys, key = SHA-256 hex of the key; a null value (tombstone) revokes. Compacted. */
    public static final String API_KEYS = "tenant.api-keys.v1";
    /** Organization snapshots (name, Hostaway connection), key = organizationId. Compacted. */
    public static final String ORGANIZATIONS = "tenant.organizations.v1";
    /** Entitlement snapshots, key = organizationId. Compacted. */
    public static final String ENTITLEMENTS = "billing.entitlements.v1";

    /** One ToolInvoked record per MCP tool call (audit), key = organizationId. */
    public static final String TOOL_INVOCATIONS = "mcp.tool-invocations.v1";
    /** One UsageRecorded record per MCP tool call (metering), key = organizationId. */
    public static final String USAGE = "mcp.usage.v1";

    /** HostawayCredentialsRejected when Hostaway refuses an organization's credentials, key = organizationId. */
    public static final String CREDENTIAL_FAILURES = "hostaway.credential-failures.v1";

    /** The compacted state topics the gateway projects into memory, read from the beginning at every start. */
    public static final List<String> PROJECTED = List.of(API_KEYS, ORGANIZATIONS, ENTITLEMENTS);

    private GatewayTopics() {
    }
}
