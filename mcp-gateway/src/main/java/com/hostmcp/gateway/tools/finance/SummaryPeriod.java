package com.hostmcp.gateway.tools.finance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The nights of a financial summary: every night from {@code fromDate} to {@code toDate}, both included (the night of
 * a date is the one that starts on it), so 2026-01-01..2026-01-31 is the 31 nights of January.
 */
record SummaryPeriod(LocalDate fromDate, LocalDate toDate) {

    SummaryPeriod {
        Objects.requireNonNull(fromDate);
        Objects.requireNonNull(toDate);
        if (toDate.isBefore(fromDate)) {
            throw new IllegalArgumentException("toDate is before fromDate");
        }
    }

    /** How many nights the period has. */
    int nights() {
        return (int) ChronoUnit.DAYS.between(fromDate, toDate) + 1;
    }

    /** The day after the last night: a stay departing on it (or later) covers the last night. */
    LocalDate endExclusive() {
        return toDate.plusDays(1);
    }

    /** The nights of a stay from {@code arrival} to {@code departure} (departure day not a night) inside the period. */
    int nightsInside(LocalDate arrival, LocalDate departure) {
        LocalDate start = arrival.isAfter(fromDate) ? arrival : fromDate;
        LocalDate end = departure.isBefore(endExclusive()) ? departure : endExclusive();
        return start.isBefore(end) ? (int) ChronoUnit.DAYS.between(start, end) : 0;
    }

    /** Index of {@code night} in the period, 0 for fromDate. */
    int indexOf(LocalDate night) {
        return (int) ChronoUnit.DAYS.between(fromDate, night);
    }
}
