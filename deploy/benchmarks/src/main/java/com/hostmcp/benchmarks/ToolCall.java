package com.hostmcp.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.standin.hostaway.HostawayAccount;

/**
 * One tools/call as the client saw it ({@code status} 0 when no HTTP answer came), and what it means: a success, a
 * tool error ({@code isError}, "[type] ..."), a JSON-RPC error, or no MCP answer at all.
 */
public record ToolCall(String tool, int status, String body, long nanos) {

    enum Outcome {
        /** A result without {@code isError}. */
        OK,
        /** A result with {@code isError: true}: the tool ran (or was refused) and the call was audited. */
        TOOL_ERROR,
        /** A JSON-RPC error object instead of a result. */
        RPC_ERROR,
        /** No JSON-RPC response: another HTTP status, an unreadable body or no answer. */
        NO_ANSWER
    }

    /** Fields that hold Hostaway listing or reservation ids in the tools' structured results. */
    private static final Set<String> ID_FIELDS = Set.of("id", "listingId", "listingMapId");
    private static final Pattern ERROR_TYPE = Pattern.compile("^\\[([a-z_]+)]");

    /** The JSON-RPC response message, whether the gateway answered with JSON or a one-message SSE stream; or null. */
    JsonNode message() {
        if (status != 200 || body == null) {
            return null;
        }
        String text = body.strip();
        try {
            if (text.startsWith("{")) {
                return Stack.JSON.readTree(text);
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("data:")) {
                    JsonNode data = Stack.JSON.readTree(line.substring(5).strip());
                    if (data.has("result") || data.has("error")) {
                        return data;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The first text content of a result (a tool error's starts "[type]"), empty when there is none. */
    public String text() {
        JsonNode message = message();
        return message == null ? "" : message.at("/result/content/0/text").asText("");
    }

    Outcome outcome() {
        JsonNode message = message();
        if (message == null) {
            return Outcome.NO_ANSWER;
        }
        if (message.has("error")) {
            return Outcome.RPC_ERROR;
        }
        if (!message.has("result")) {
            return Outcome.NO_ANSWER;
        }
        return message.path("result").path("isError").asBoolean(false) ? Outcome.TOOL_ERROR : Outcome.OK;
    }

    /** The type of a tool error ({@code [rate_limited] ...} gives {@code rate_limited}), else a short description. */
    String problem() {
        return switch (outcome()) {
            case OK -> "ok";
            case TOOL_ERROR -> {
                Matcher type = ERROR_TYPE.matcher(message().at("/result/content/0/text").asText());
                yield type.find() ? type.group(1) : "tool_error";
            }
            case RPC_ERROR -> "jsonrpc " + message().at("/error/code").asText();
            case NO_ANSWER -> status == 0 ? "no answer" : "HTTP " + status;
        };
    }

    /** Whether the gateway answered with a tool result, which it audits (one ToolInvoked and one UsageRecorded). */
    boolean audited() {
        Outcome outcome = outcome();
        return outcome == Outcome.OK || outcome == Outcome.TOOL_ERROR;
    }

    /** Whether the answer has a structured result, the part {@link #foreignIds} checks. */
    boolean structured() {
        JsonNode message = message();
        return message != null && message.path("result").path("structuredContent").isObject();
    }

    /** Listing and reservation ids in the structured result that are not in {@code account}'s id ranges. */
    List<Long> foreignIds(HostawayAccount account) {
        JsonNode message = message();
        List<Long> foreign = new ArrayList<>();
        if (message != null) {
            collectForeign(message.path("result").path("structuredContent"), account, foreign);
        }
        return foreign;
    }

    private static void collectForeign(JsonNode node, HostawayAccount account, List<Long> foreign) {
        if (node.isArray()) {
            node.forEach(item -> collectForeign(item, account, foreign));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (ID_FIELDS.contains(field.getKey()) && value.isIntegralNumber() && !owns(account, value.asLong())) {
                    foreign.add(value.asLong());
                }
                collectForeign(value, account, foreign);
            }
        }
    }

    /** Listing ids are accountId * 10,000 + n, reservation ids accountId * 100,000 + n (the stand-in's scheme). */
    static boolean owns(HostawayAccount account, long id) {
        return account.ownsListingId(id) || id / HostawayAccount.OBJECT_ID_FACTOR == account.accountId();
    }
}
