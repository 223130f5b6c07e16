package com.hostmcp.gateway.tool;

import com.hostmcp.gateway.Caller;
import com.hostmcp.gateway.OrganizationState;
import com.hostmcp.gateway.hostaway.HostawayOperations;

/**
 * What a tool call may use: the caller, its organization's snapshot, the Hostaway API of that organization, and
 * cursors signed for this organization and tool.
 */
public record ToolContext(Caller caller, OrganizationState organization, HostawayOperations hostaway,
        PageCursors cursors) {
}
