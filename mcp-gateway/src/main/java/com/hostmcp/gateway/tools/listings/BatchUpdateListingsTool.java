package com.hostmcp.gateway.tools.listings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayException;
import com.hostmcp.gateway.hostaway.HostawayOperations;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code batch_update_listings}: PUT /v1/listings/{id} per item, a few at a time, with a partial-failure result. Items
 * that hit the rate limit wait for the time Hostaway (or the gateway's own shaping) names and run again, until
 * {@link #PACING_DEADLINE} after the start of the batch; only then do they fail as rate_limited.
 */
@ApplicationScoped
public class BatchUpdateListingsTool implements GatewayTool {

    static final String NAME = "batch_update_listings";
    /** Updates in flight at once; the Hostaway client queues beyond its per-account rate. */
    static final int CONCURRENCY = 4;
    /** How long rate-limited items keep waiting for a permit: 50 updates at 20 per 10 s need about 25 s. */
    static final Duration PACING_DEADLINE = Duration.ofSeconds(60);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Changes listing-wide settings of 1-50 listings in one call, e.g. base price, cleaning fee, \
                minimum/maximum nights, capacity, check-in/out hours, name or description. Each item is \
                {listingId, changes}; only the fields in changes are changed (a listing appears at most once per \
                batch). Items run a few at a time within Hostaway's rate limit (20 requests per 10 s per account, \
                so 50 items take about 25 s); one failing item never fails the batch: the result lists succeeded \
                items with the stored values and failed items with errorType (not_found, validation, rate_limited, \
                unauthorized, upstream, timeout), message and remediation. Retry only the failed items. \
                Overwrites the previous values (destructive); sending the same changes again leaves the same state. \
                For prices, minimum stays or blocks of specific dates use update_calendar; to add a listing use \
                create_listing.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Batch update listings", false, true, true, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        List<Item> items = items(arguments.get("items"));
        long deadline = System.nanoTime() + PACING_DEADLINE.toNanos();
        long started = System.nanoTime();
        return Multi.createFrom().iterable(items)
                .onItem().transformToUni(item -> run(context.hostaway(), item, deadline)).merge(CONCURRENCY)
                .collect().asList()
                .map(outcomes -> render(items.size(), outcomes, Duration.ofNanos(System.nanoTime() - started)));
    }

    /** One item: its position, listing, the Hostaway body, or why it cannot be sent. */
    record Item(int index, long listingId, ObjectNode changes, ObjectNode invalid) {
    }

    /** What happened to one item: the succeeded or failed entry of the result. */
    record Outcome(int index, ObjectNode succeeded, ObjectNode failed) {
    }

    /**
     * The items argument. Duplicate listing ids refuse the whole call, because two changes of one listing would run
     * concurrently and the result would depend on their order. Cross-field rules of one item mark only that item
     * invalid.
     */
    static List<Item> items(JsonNode array) {
        Map<Long, Integer> seen = new LinkedHashMap<>();
        Set<Long> duplicates = new LinkedHashSet<>();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            long listingId = item.path("listingId").asLong();
            if (seen.putIfAbsent(listingId, i) != null) {
                duplicates.add(listingId);
            }
            ObjectNode changes = ((ObjectNode) item.get("changes")).deepCopy();
            items.add(new Item(i, listingId, changes, crossFieldProblem(listingId, changes)));
        }
        if (!duplicates.isEmpty()) {
            throw ToolFailure.validation("Listing id(s) " + duplicates + " appear more than once in items; nothing was"
                    + " changed.",
                    "Merge the changes of each listing into one item (one item per listingId): items"
                            + " run concurrently, so two updates of one listing would race.");
        }
        return items;
    }

    private static ObjectNode crossFieldProblem(long listingId, ObjectNode changes) {
        JsonNode min = changes.get("minNights");
        JsonNode max = changes.get("maxNights");
        if (min != null && max != null && min.asInt() > max.asInt()) {
            return ItemFailures.validation(listingId, "changes.minNights (" + min.asInt() + ") is greater than"
                    + " changes.maxNights (" + max.asInt() + ").", "Send minNights at most maxNights.");
        }
        JsonNode included = changes.get("guestsIncluded");
        JsonNode capacity = changes.get("personCapacity");
        if (included != null && capacity != null && included.asInt() > capacity.asInt()) {
            return ItemFailures.validation(listingId, "changes.guestsIncluded (" + included.asInt() + ") is greater"
                    + " than changes.personCapacity (" + capacity.asInt() + ").",
                    "Send guestsIncluded at most personCapacity.");
        }
        return null;
    }

    private static Uni<Outcome> run(HostawayOperations hostaway, Item item, long deadline) {
        if (item.invalid() != null) {
            return Uni.createFrom().item(new Outcome(item.index(), null, item.invalid()));
        }
        return paced(hostaway, item, deadline)
                .map(updated -> new Outcome(item.index(), succeeded(item, updated), null))
                .onFailure().recoverWithItem(error -> new Outcome(item.index(), null,
                        ItemFailures.of(item.listingId(), error)));
    }

    /** The update, run again after each rate-limit refusal as long as the wait ends before the deadline. */
    private static Uni<ObjectNode> paced(HostawayOperations hostaway, Item item, long deadline) {
        return Uni.createFrom().deferred(() -> hostaway.updateListing(item.listingId(), hostawayBody(item.changes())))
                .onFailure(HostawayException.RateLimited.class).recoverWithUni(error -> {
                    Duration wait = Duration.ofSeconds(
                            Math.max(1, ((HostawayException.RateLimited) error).retryAfterSeconds()));
                    if (System.nanoTime() + wait.toNanos() > deadline) {
                        return Uni.createFrom().failure(error);
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                            .flatMap(ignored -> paced(hostaway, item, deadline));
                });
    }

    /** Hostaway's body: the changes, with externalListingName kept equal to a new name as Hostaway expects. */
    static ObjectNode hostawayBody(ObjectNode changes) {
        ObjectNode body = changes.deepCopy();
        if (body.has("name")) {
            body.put("externalListingName", body.get("name").asText());
        }
        if (body.has("instantBookable")) {
            body.put("instantBookable", body.get("instantBookable").asBoolean() ? 1 : 0);
        }
        return body;
    }

    private static ObjectNode succeeded(Item item, JsonNode updated) {
        List<String> fields = new ArrayList<>();
        fields.add("name");
        item.changes().fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                fields.add(name);
            }
        });
        ObjectNode entry = NODES.objectNode();
        entry.put("id", item.listingId());
        entry.set("result", ListingViews.view(updated, fields));
        return entry;
    }

    static ToolResult render(int total, List<Outcome> outcomes, Duration took) {
        List<Outcome> ordered = outcomes.stream().sorted(Comparator.comparingInt(Outcome::index)).toList();
        ObjectNode structured = NODES.objectNode();
        ObjectNode summary = structured.putObject("summary");
        ArrayNode succeeded = structured.putArray("succeeded");
        ArrayNode failed = structured.putArray("failed");
        ordered.forEach(outcome -> {
            if (outcome.succeeded() != null) {
                succeeded.add(outcome.succeeded());
            } else {
                failed.add(outcome.failed());
            }
        });
        summary.put("total", total);
        summary.put("succeeded", succeeded.size());
        summary.put("failed", failed.size());

        List<String> lines = new ArrayList<>();
        Set<String> remediations = new LinkedHashSet<>();
        failed.forEach(entry -> {
            lines.add("FAILED #" + entry.get("id").asLong() + " " + entry.get("errorType").asText() + ": "
                    + entry.get("message").asText());
            remediations.add(entry.get("remediation").asText());
        });
        remediations.forEach(remediation -> lines.add("To do: " + remediation));
        succeeded.forEach(entry -> lines.add("ok #" + entry.get("id").asLong() + " " + entry.get("result")));
        String heading = "Updated " + succeeded.size() + " of " + total + " listings, " + failed.size() + " failed ("
                + took.toSeconds() + " s).";
        return new ToolResult(structured, ResponseBudget.textLines(heading, lines));
    }
}
