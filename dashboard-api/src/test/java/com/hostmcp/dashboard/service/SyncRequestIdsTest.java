package com.hostmcp.dashboard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SyncRequestIdsTest {

    private static final Instant ISSUED = Instant.parse("2026-11-29T08:00:00.123Z");

    @Test
    void anIssuedIdIsAVersion7UuidCarryingItsIssueTimeAndRandomBits() {
        UUID id = SyncRequestIds.issue(ISSUED);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7",
                ISSUED.toEpochMilli() >>> 16, ISSUED.toEpochMilli() & 0xFFFF));
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(SyncRequestIds.issue(ISSUED));
        }
        assertThat(ids).as("ids issued in the same millisecond differ").hasSize(1_000);
    }

    @Test
    void anIdMayBePendingFromItsIssueUntilAnHourLater() {
        UUID id = SyncRequestIds.issue(ISSUED);

        assertThat(SyncRequestIds.mayBePending(id, ISSUED)).isTrue();
        assertThat(SyncRequestIds.mayBePending(id, ISSUED.plus(SyncRequestIds.PENDING_AT_MOST))).isTrue();
        assertThat(SyncRequestIds.mayBePending(id, ISSUED.plus(SyncRequestIds.PENDING_AT_MOST).plusMillis(1)))
                .isFalse();
    }

    @Test
    void anIdFromAnotherReplicasSlightlyFastClockMayBePendingButNotOneFromTheFuture() {
        UUID id = SyncRequestIds.issue(ISSUED);

        assertThat(SyncRequestIds.mayBePending(id, ISSUED.minus(Duration.ofSeconds(30)))).isTrue();
        assertThat(SyncRequestIds.mayBePending(id, ISSUED.minus(Duration.ofMinutes(2)))).isFalse();
    }

    @Test
    void anIdThisDashboardCannotHaveIssuedIsNeverPending() {
        assertThat(SyncRequestIds.mayBePending(UUID.randomUUID(), ISSUED)).as("version 4").isFalse();
        assertThat(SyncRequestIds.mayBePending(new UUID(0, 0), ISSUED)).as("nil").isFalse();
        UUID otherVariant = new UUID(SyncRequestIds.issue(ISSUED).getMostSignificantBits(), 0x1234L);
        assertThat(SyncRequestIds.mayBePending(otherVariant, ISSUED)).as("NCS variant").isFalse();
    }
}
