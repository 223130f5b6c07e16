package com.hostmcp.gateway.tool;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The context budget of a tool response: at most {@link #MAX_CHARS} characters for the structured JSON and the text
 * rendering together. List tools keep as many items as fit into {@link #ITEMS_BUDGET} (with a cursor for the rest and
 * a note saying so) and keep their text to {@link #TEXT_MAX_CHARS}; the invocation pipeline refuses anything larger
 * that slipped through, with guidance on narrowing the request.
 */
public final class ResponseBudget {

    /** The most characters of one response: structured content (as JSON) plus text content. */
    public static final int MAX_CHARS = 25_000;
    /** What the items of a list response may take as JSON. */
    public static final int ITEMS_BUDGET = 17_000;
    /** What the text rendering may take. */
    public static final int TEXT_MAX_CHARS = 6_000;

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

    /**
     * {@code lines} joined by newlines, as many as fit into {@link #TEXT_MAX_CHARS}, then one line saying how many
     * more are in the structured content.
     */
    public static String textLines(String heading, List<String> lines) {
        var text = new StringBuilder(heading);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (text.length() + line.length() + 80 > TEXT_MAX_CHARS) {
                text.append("\n… ").append(lines.size() - i).append(" more in the structured result");
                break;
            }
            text.append('\n').append(line);
        }
        return text.toString();
    }
}
