package com.hostmcp.audit;

/** What an audit entry records: one MCP tool call, or one domain event of another service. */
public enum EntryKind {
    TOOL_CALL,
    DOMAIN_EVENT
}
