package com.hostmcp.gateway.tools.listings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** {@code get_listing}: GET /v1/listings/{id}, shown as the summary plus field groups. */
@ApplicationScoped
public class GetListingTool implements GatewayTool {

    static final String NAME = "get_listing";
    /** Text values are cut to this length, longest first, when the listing does not fit into the budget. */
    static final int SHORTENED_TEXT_CHARS = 500;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Returns one listing of the caller's Hostaway account by id, with its details grouped: by default the \
                summary (id, name, city, countryCode, personCapacity, bedroomsNumber, price, currencyCode, archived) \
                plus the groups location, layout, pricing, stayRules and status. Ask for other groups with \
                `fields` (descriptions, access, taxes, markups, policies, contact, invoicing, licensing, channels; \
                naming any group replaces the default groups) or ["all"] for every field Hostaway returns. \
                The access group holds door codes and Wi-Fi passwords: ask for it only when the user needs them. \
                Very long texts are shortened to fit the response (see truncated/note). \
                Use list_listings to find ids or compare several listings, check_availability for day prices and \
                booked dates.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Get listing", true, false, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        long listingId = arguments.path("listingId").asLong();
        List<String> groups = ListingViews.strings(arguments.get("fields"));
        List<String> shownGroups = groups.isEmpty() ? ListingViews.DEFAULT_GROUPS : groups;
        return context.hostaway().getListing(listingId).map(listing -> render(listing, shownGroups));
    }

    static ToolResult render(JsonNode listing, List<String> groups) {
        ObjectNode view = ListingViews.view(listing, ListingViews.groupFields(groups));
        List<String> shortened = shortenToBudget(view);

        ObjectNode structured = NODES.objectNode();
        structured.set("listing", view);
        structured.set("fieldGroups", NODES.arrayNode().addAll(groups.stream().map(NODES::textNode).toList()));
        structured.put("truncated", !shortened.isEmpty());
        structured.put("note", shortened.isEmpty() ? null
                : "Shortened to " + SHORTENED_TEXT_CHARS + " characters to fit the response: "
                        + String.join(", ", shortened) + ". Ask for fewer field groups to see more of them.");

        var text = new StringBuilder(ListingViews.line(view));
        Iterator<Map.Entry<String, JsonNode>> fields = view.fields();
        List<String> lines = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!ListingViews.SUMMARY_FIELDS.contains(field.getKey()) && !value.isNull()
                    && !(value.isContainerNode() && value.isEmpty())) {
                lines.add(field.getKey() + ": " + (value.isTextual() ? value.asText() : value.toString()));
            }
        }
        String rendered = ResponseBudget.textLines(text.toString(), lines);
        return new ToolResult(structured,
                shortened.isEmpty() ? rendered : rendered + "\nNote: " + structured.get("note").asText());
    }

    /**
     * Cuts the longest text values of {@code view} to {@link #SHORTENED_TEXT_CHARS} until it fits into the items
     * budget; returns the names of the fields cut.
     */
    static List<String> shortenToBudget(ObjectNode view) {
        List<String> shortened = new ArrayList<>();
        while (view.toString().length() > ResponseBudget.ITEMS_BUDGET) {
            String longest = null;
            int longestLength = SHORTENED_TEXT_CHARS + 1;
            Iterator<Map.Entry<String, JsonNode>> fields = view.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                int length = field.getValue().isTextual() ? field.getValue().asText().length()
                        : field.getValue().isContainerNode() ? field.getValue().toString().length() : 0;
                if (length >= longestLength) {
                    longest = field.getKey();
                    longestLength = length;
                }
            }
            if (longest == null) {
                break;
            }
            JsonNode value = view.get(longest);
            String cut = value.isTextual() ? value.asText() : value.toString();
            view.put(longest, cut.substring(0, SHORTENED_TEXT_CHARS) + "…");
            shortened.add(longest);
        }
        return shortened;
    }
}
