package com.hostmcp.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant: one customer organization with its own Hostaway account, keys and bill. */
public record Organization(UUID id, String name, String ownerSubject, long version, Instant createdAt, Instant updatedAt) {
}
