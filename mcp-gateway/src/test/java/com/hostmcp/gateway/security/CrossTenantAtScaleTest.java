package com.hostmcp.gateway.security;

import static com.hostmcp.gateway.testing.ToolCalls.call;
import static com.hostmcp.gateway.testing.ToolCalls.errorType;
import static com.hostmcp.gateway.testing.ToolCalls.isError;
import static com.hostmcp.gateway.testing.ToolCalls.structured;
import static com.hostmcp.gateway.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpClients;
import com.hostmcp.gateway.testing.McpClients.Transport;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A hundred organizations, each on its own Hostaway account, each calling every tool that takes an id with the ids of
 * the next organization's account: every answer is a not_found (or validation) tool error, or an empty result for the
 * searches and the batch's own failure list, and none holds anything of the other account. Each organization's own
 * listings are its account's only.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class CrossTenantAtScaleTest {

    private static final int ORGANIZATIONS = 100;
    private static final int THREADS = 10;
    private static final Set<String> REFUSALS = Set.of("not_found", "validation");

    /** What an organization sees of its own account, read with its own key. */
    private record Own(TestTenant tenant, List<Long> listingIds, List<String> listingNames, long reservationId,
            String guestName, long conversationId) {
    }

    @Test
    void aHundredOrganizationsGivenTheNextOnesIdsGetRefusalsAndNothingOfItsAccount() throws Exception {
        long started = System.nanoTime();
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<TestTenant> tenants = inParallel(pool, i -> TestTenants.withOwnAccount(2));
            List<Own> owns = inParallel(pool, i -> own(tenants.get(i), calls));
            List<List<String>> leaks = inParallel(pool,
                    i -> intrude(owns.get(i), owns.get((i + 1) % ORGANIZATIONS), calls));

            List<String> all = leaks.stream().flatMap(List::stream).toList();
            assertThat(all).as("answers to another organization's ids that were not refusals, or leaked its data")
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("CrossTenantAtScaleTest: %d organizations, %d tool calls (%d with another account's ids), "
                + "0 leaks, %.1f s%n", ORGANIZATIONS, calls.get(), calls.get() - 3 * ORGANIZATIONS,
                (System.nanoTime() - started) / 1e9);
    }

    /** The organization's own listings (all of its account), a reservation with its guest, and a conversation. */
    private static Own own(TestTenant tenant, AtomicInteger calls) {
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, tenant.apiKey())) {
            CallToolResult listings = call(client, "list_listings", Map.of("limit", 100));
            CallToolResult reservations = call(client, "search_reservations", Map.of("limit", 1));
            CallToolResult conversations = call(client, "list_conversations", Map.of("limit", 1));
            calls.addAndGet(3);
            assertThat(isError(listings)).as(text(listings)).isFalse();
            List<Long> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (JsonNode item : structured(listings).path("items")) {
                ids.add(item.path("id").asLong());
                names.add(item.path("name").asText());
            }
            assertThat(ids).as("own listings of account %d", tenant.accountId()).isNotEmpty()
                    .allMatch(id -> id / 10_000 == tenant.accountId());
            JsonNode reservation = structured(reservations).path("items").path(0);
            JsonNode conversation = structured(conversations).path("items").path(0);
            assertThat(reservation.path("id").asLong()).as(text(reservations)).isPositive();
            assertThat(conversation.path("id").asLong()).as(text(conversations)).isPositive();
            return new Own(tenant, ids, names, reservation.path("id").asLong(),
                    reservation.path("guestName").asText(), conversation.path("id").asLong());
        }
    }

    /** Problems with the intruder's answers to the victim's ids: anything but a refusal, or any of the victim's data. */
    private static List<String> intrude(Own intruder, Own victim, AtomicInteger calls) {
        long listing = victim.listingIds().get(0);
        String tomorrow = LocalDate.now().plusDays(1).toString();
        String nextWeek = LocalDate.now().plusDays(7).toString();
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("get_listing", Map.of("listingId", listing));
        refused.put("check_availability", Map.of("listingId", listing, "startDate", tomorrow, "endDate", nextWeek));
        refused.put("update_calendar", Map.of("listingId", listing, "intervals", List.of(Map.of("startDate", tomorrow,
                "endDate", nextWeek, "available", false, "price", 1))));
        refused.put("get_reservation", Map.of("reservationId", victim.reservationId()));
        refused.put("get_guest", Map.of("reservationId", victim.reservationId()));
        refused.put("get_conversation_messages", Map.of("conversationId", victim.conversationId()));
        refused.put("send_guest_message", Map.of("conversationId", victim.conversationId(), "body", "Door code 1234"));
        refused.put("get_financial_summary", Map.of("fromDate", "2026-01-01", "toDate", "2026-12-31", "listingIds",
                victim.listingIds()));

        List<String> problems = new ArrayList<>();
        String who = "account " + intruder.tenant().accountId() + " with account " + victim.tenant().accountId()
                + "'s ids: ";
        try (McpSyncClient client = McpClients.connect(Transport.STREAMABLE_HTTP, intruder.tenant().apiKey())) {
            for (Map.Entry<String, Map<String, Object>> tool : refused.entrySet()) {
                CallToolResult result = call(client, tool.getKey(), tool.getValue());
                if (!REFUSALS.contains(errorType(result))) {
                    problems.add(who + tool.getKey() + " -> " + text(result));
                }
                problems.addAll(leaks(who + tool.getKey(), text(result), victim));
            }
            CallToolResult batch = call(client, "batch_update_listings", Map.of("items", List.of(Map.of("listingId",
                    listing, "changes", Map.of("name", "Taken over")))));
            if (!structured(batch).path("succeeded").isEmpty()
                    || !REFUSALS.contains(structured(batch).path("failed").path(0).path("errorType").asText())) {
                problems.add(who + "batch_update_listings -> " + text(batch));
            }
            Map<String, CallToolResult> searches = new LinkedHashMap<>();
            searches.put("search_reservations", call(client, "search_reservations", Map.of("listingId", listing)));
            searches.put("list_conversations", call(client, "list_conversations", Map.of("reservationId",
                    victim.reservationId())));
            searches.put("get_financial_report", call(client, "get_financial_report", Map.of("type", "standard",
                    "fromDate", "2026-01-01", "toDate", "2026-12-31", "listingIds", List.of(listing))));
            calls.addAndGet(refused.size() + 1 + searches.size());
            searches.forEach((tool, result) -> {
                boolean empty = isError(result) ? REFUSALS.contains(errorType(result)) || "upstream".equals(
                        errorType(result))
                        : tool.equals("get_financial_report")
                                ? structured(result).path("rowCount").asInt(-1) == 0
                                : structured(result).path("items").isEmpty();
                if (!empty) {
                    problems.add(who + tool + " -> " + text(result));
                }
                problems.addAll(leaks(who + tool, text(result), victim));
            });
            problems.addAll(leaks(who + "batch_update_listings", text(batch), victim));
        }
        return problems;
    }

    /** The victim's listing names, its guest's name and ids of its account other than the one asked for. */
    private static List<String> leaks(String context, String answer, Own victim) {
        List<String> found = new ArrayList<>();
        for (String name : victim.listingNames()) {
            if (!name.isBlank() && answer.contains(name)) {
                found.add(context + " shows listing name '" + name + "'");
            }
        }
        if (!victim.guestName().isBlank() && answer.contains(victim.guestName())) {
            found.add(context + " shows guest '" + victim.guestName() + "'");
        }
        for (long other : victim.listingIds().subList(1, victim.listingIds().size())) {
            if (answer.contains(Long.toString(other)) && !context.endsWith("get_financial_summary")) {
                found.add(context + " shows listing id " + other);
            }
        }
        return found;
    }

    private static <T> List<T> inParallel(ExecutorService pool, IntFunction<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.apply(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(120, TimeUnit.SECONDS));
        }
        return results;
    }
}
