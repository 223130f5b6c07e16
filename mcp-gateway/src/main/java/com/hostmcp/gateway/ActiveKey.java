package com.hostmcp.gateway;

import java.util.UUID;

/** An API key that is currently valid (issued and not revoked). The key itself is never held, only its hash. */
public record ActiveKey(UUID keyId, UUID organizationId, String displayHint) {
}
