package com.hostmcp.audit;

import java.time.LocalDate;

/**
 * One UTC day of an organization's tool calls.
 *
 * @param p50Ms median latency (percentile_cont over the day's calls), null while not yet computed or without calls
 * @param percentilesCurrent false while calls have arrived since the percentiles were last computed
 */
public record DailyUsage(LocalDate day, long requests, long errors, long refused, Double p50Ms, Double p95Ms,
        boolean percentilesCurrent) {
}
