package com.hostmcp.billing;

/** Where an organization stands with billing; the gateway serves tool calls only in the states with MCP access. */
public enum EntitlementState {
    TRIAL(true),
    ACTIVE(true),
    /** A payment failed and the grace period runs (policy PAST_DUE only). */
    PAST_DUE(true),
    SUSPENDED(false),
    CANCELED(false);

    private final boolean mcpAccess;

    EntitlementState(boolean mcpAccess) {
        this.mcpAccess = mcpAccess;
    }

    public boolean mcpAccess() {
        return mcpAccess;
    }
}
