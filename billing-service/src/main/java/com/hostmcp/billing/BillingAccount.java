package com.hostmcp.billing;

import java.time.Instant;
import java.util.UUID;

/** An organization's billing account; {@code stripeCustomerId} is null until its first checkout. */
public record BillingAccount(UUID organizationId, String stripeCustomerId, Instant trialEndsAt, Instant createdAt) {
}
