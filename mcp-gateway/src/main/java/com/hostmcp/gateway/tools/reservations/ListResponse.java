package com.hostmcp.gateway.tools.reservations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.PageCursors;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

/**
 * The list shape shared by the reservation, conversation and report tools: field selection, filter-bound cursors,
 * and {@code items/total/returned/nextCursor/truncated/note} within {@link ResponseBudget#ITEMS_BUDGET}.
 */
final class ListResponse {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The {@code fields} value that asks for the whole Hostaway object. */
    static final String ALL_FIELDS = "all";

    private static final String FINGERPRINT = "filters";

    private ListResponse() {
    }

    /** {@code names} copied from {@code source} in that order; a field Hostaway did not send becomes null. */
    static ObjectNode pick(JsonNode source, List<String> names) {
        ObjectNode out = NODES.objectNode();
        for (String name : names) {
            JsonNode value = source.get(name);
            out.set(name, value == null ? NODES.nullNode() : value.deepCopy());
        }
        return out;
    }

    /** Hostaway booleans come as 0/1 or true/false (FACTS §11.6); null stays null. */
    static JsonNode flag(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NODES.nullNode();
        }
        return NODES.booleanNode(value.isBoolean() ? value.asBoolean() : value.asInt() != 0);
    }

    /** The text value of a field, or null. */
    static String text(JsonNode source, String name) {
        JsonNode value = source.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code text} cut to {@code maxChars} with an ellipsis; null stays null. */
    static String trim(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, Math.max(0, maxChars - 1)).stripTrailing() + "…";
    }

    /**
     * A short, stable digest of the filters a cursor was made for. Filters may hold guest names or e-mails, and
     * cursors are only signed, not encrypted: they carry this digest, never the filter values.
     */
    static String fingerprint(ObjectNode filters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(filters.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A new cursor state for {@code fingerprint}; the tool adds its position. */
    static ObjectNode cursorState(String fingerprint) {
        return NODES.objectNode().put(FINGERPRINT, fingerprint);
    }

    /**
     * The state of {@code cursor} (null when there is none), refused when it was made with other filters than
     * {@code fingerprint}.
     */
    static ObjectNode resume(PageCursors cursors, String cursor, String fingerprint) {
        if (cursor == null) {
            return null;
        }
        ObjectNode state = cursors.decode(cursor);
        if (!fingerprint.equals(state.path(FINGERPRINT).asText())) {
            throw ToolFailure.validation("The cursor was made for a call with other filters.",
                    "Repeat the call with exactly the filters of the call that returned the cursor (only limit and"
                            + " fields may change), or omit cursor to start again from the first page.");
        }
        return state;
    }

    /** One page of a list: the items, what Hostaway counted, and how to continue. */
    record Page(List<ObjectNode> items, Integer total, String nextCursor, String note) {
    }

    /**
     * The list result for {@code candidates}: as many as fit into the items budget. When some are dropped, the
     * result is truncated and continues with {@code cursorAfter.apply(lastKeptIndex)}; otherwise with
     * {@code page.nextCursor()}.
     */
    static ObjectNode build(Page page, IntFunction<String> cursorAfter, String narrowHint) {
        List<ObjectNode> candidates = page.items();
        int kept = ResponseBudget.fittingCount(candidates, ResponseBudget.ITEMS_BUDGET);
        boolean truncated = kept < candidates.size();
        String nextCursor = page.nextCursor();
        String note = page.note();
        if (truncated) {
            nextCursor = kept == 0 ? null : cursorAfter.apply(kept - 1);
            note = kept == 0
                    ? "The first item alone is larger than the response budget. " + narrowHint
                    : "Only " + kept + " of " + candidates.size() + " items fit into the response; nextCursor"
                            + " continues after the last one. To get more per call: " + narrowHint;
        }
        ObjectNode result = NODES.objectNode();
        result.putArray("items").addAll(candidates.subList(0, kept));
        if (page.total() == null) {
            result.putNull("total");
        } else {
            result.put("total", page.total());
        }
        result.put("returned", kept);
        result.put("nextCursor", nextCursor);
        result.put("truncated", truncated);
        result.put("note", note);
        return result;
    }

    /** The tool result of a list: the structured list plus a heading and one line per returned item. */
    static ToolResult toResult(ObjectNode list, String heading, Function<JsonNode, String> line) {
        List<String> lines = new java.util.ArrayList<>();
        list.get("items").forEach(item -> lines.add(line.apply(item)));
        StringBuilder head = new StringBuilder(heading);
        if (list.hasNonNull("nextCursor")) {
            head.append(" More: pass nextCursor.");
        }
        if (list.hasNonNull("note")) {
            head.append(' ').append(list.get("note").asText());
        }
        return new ToolResult(list, ResponseBudget.textLines(head.toString(), lines));
    }
}
