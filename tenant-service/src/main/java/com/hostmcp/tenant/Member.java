package com.hostmcp.tenant;

import java.time.Instant;
import java.util.UUID;

/** A person in an organization. {@code subject} is empty until an invited member first signs in. */
public record Member(UUID id, UUID organizationId, String email, String subject, MemberRole role, Instant createdAt) {
}
