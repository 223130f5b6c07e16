package com.hostmcp.gateway;

import java.util.UUID;

/** Who is calling: the organization and the API key an MCP request was authenticated with. */
public record Caller(UUID organizationId, UUID keyId, String keyHint) {
}
