package com.hostmcp.gateway.tool;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The context budget of a tool response: about 25,000 characters of JSON in all. List tools keep as many items as fit
 * (with a cursor for the rest) and say so; the invocation pipeline refuses anything larger that slipped through.
 */
public final class ResponseBudget {

    /** The most characters a response's structured content may take. */
    public static final int MAX_CHARS = 25_000;
    /** Kept free for a list response's summary fields (counts, cursor, note). */
    public static final int ENVELOPE_RESERVE = 1_500;

    private ResponseBudget() {
    }

    /** How many of {@code items}, taken from the front, fit into {@code budgetChars} of serialized JSON. */
    public static int fittingCount(List<? extends JsonNode> items, int budgetChars) {
        int used = 2;
        for (int i = 0; i < items.size(); i++) {
            used += items.get(i).toString().length() + 1;
            if (used > budgetChars) {
                return i;
            }
        }
        return items.size();
    }
}
