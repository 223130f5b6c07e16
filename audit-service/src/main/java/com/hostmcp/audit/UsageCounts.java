package com.hostmcp.audit;

/**
 * Tool calls counted over a period: all of them, those that ran and failed, and those the gateway refused to run.
 *
 * @param tool a tool's name, or {@link #ALL_TOOLS}
 */
public record UsageCounts(String tool, long requests, long errors, long refused, long latencySumMs) {

    /** The rollup key of an organization's calls over all tools. */
    public static final String ALL_TOOLS = "*";

    /** Share of calls that ran and failed (refused calls count as requests, not as errors); 0 without calls. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
