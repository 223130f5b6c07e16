package com.hostmcp.benchmarks;

/** One benchmark of the run: measures against the running platform and reports figures, never fails on timing. */
public interface Benchmark {

    /** Short name used by {@code --only} (e.g. {@code load}). */
    String id();

    /** What it measures, one line (the section heading in the results). */
    String title();

    /**
     * Measures and adds its rows to the report. Throws only when the benchmark could not be carried out (the run goes
     * on with the next one and the failure is reported); correctness failures it checks (errors, mismatches) are rows.
     */
    void run(Stack stack, Report report) throws Exception;
}
