package com.hostmcp.tenant;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** The last entitlement billing published for an organization, as tenant-service last saw it. */
public record Entitlement(UUID organizationId, State state, long version, Instant changedAt) {

    public enum State {
        TRIAL,
        ACTIVE,
        PAST_DUE,
        SUSPENDED,
        CANCELED;

        /** Empty for a state this service does not know (a newer producer), which consumers skip instead of failing. */
        public static Optional<State> parse(String value) {
            return Arrays.stream(values()).filter(state -> state.name().equals(value)).findFirst();
        }
    }
}
