package com.hostmcp.gateway.tools.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayPage;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.PageCursors;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

/** Summaries, field selection, paging state and the list shape, on the docs' example objects. */
class ReservationViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOOLS = List.of("search_reservations", "get_reservation", "get_guest",
            "list_conversations", "get_conversation_messages", "send_guest_message", "get_financial_report");

    private static ObjectNode example(String name) throws IOException {
        try (InputStream in = ReservationViewsTest.class.getClassLoader().getResourceAsStream("hostaway/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static ToolContext context(String tool) {
        return new ToolContext(null, null, null,
                new PageCursors("test-secret".getBytes(StandardCharsets.UTF_8), UUID.randomUUID(), tool));
    }

    @Test
    void inputSchemasAreClosedAndEveryPropertyIsDescribed() {
        for (String tool : TOOLS) {
            JsonNode input = ToolSchemas.load(tool, "input");
            assertThat(input.path("type").asText()).as(tool).isEqualTo("object");
            assertThat(input.path("additionalProperties").asBoolean(true)).as(tool).isFalse();
            for (Iterator<Map.Entry<String, JsonNode>> it = input.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                assertThat(property.getValue().path("description").asText()).as(tool + "." + property.getKey())
                        .isNotBlank();
            }
            assertThat(ToolSchemas.load(tool, "output").path("type").asText()).as(tool).isEqualTo("object");
        }
    }

    @Test
    void inputSchemasRefuseWhatTheToolsCannotHandle() {
        assertThat(ToolSchemas.violations("send_guest_message", "input",
                JSON.createObjectNode().put("conversationId", 1).put("body", "  \n "))).isNotEmpty();
        assertThat(ToolSchemas.violations("send_guest_message", "input",
                JSON.createObjectNode().put("conversationId", 1).put("body", "x".repeat(4001)))).isNotEmpty();
        assertThat(ToolSchemas.violations("send_guest_message", "input",
                JSON.createObjectNode().put("conversationId", 1).put("body", "Hello").put("communicationType",
                        "pigeon")))
                .isNotEmpty();
        assertThat(ToolSchemas.violations("send_guest_message", "input",
                JSON.createObjectNode().put("conversationId", 1).put("body", "Hello"))).isEmpty();
        ObjectNode search = JSON.createObjectNode().put("arrivalFrom", "2026-13-01");
        assertThat(ToolSchemas.violations("search_reservations", "input", search)).isNotEmpty();
        search = JSON.createObjectNode();
        search.putArray("status").add("confirmedish");
        assertThat(ToolSchemas.violations("search_reservations", "input", search)).isNotEmpty();
        assertThat(ToolSchemas.violations("search_reservations", "input",
                JSON.createObjectNode().put("limit", 101))).isNotEmpty();
    }

    @Test
    void searchSummaryHasTheDocumentedFieldsAndFieldsWidenIt() throws IOException {
        ObjectNode reservation = example("reservation.json");

        ObjectNode summary = ReservationFields.select(reservation, ReservationFields.SEARCH_SUMMARY, List.of());
        assertThat(fieldNames(summary)).containsExactlyElementsOf(ReservationFields.SEARCH_SUMMARY);
        assertThat(summary.get("id").asLong()).isEqualTo(13);
        assertThat(summary.get("listingName").isNull()).as("not in Hostaway's reservation object").isTrue();
        assertThat(summary.get("guestName").asText()).isEqualTo("Andrew Peterson");

        ObjectNode wider = ReservationFields.select(reservation, ReservationFields.SEARCH_SUMMARY,
                List.of("phone", "guestEmail"));
        assertThat(wider.get("phone").asText()).isEqualTo("+75125551212");
        assertThat(wider.size()).isEqualTo(ReservationFields.SEARCH_SUMMARY.size() + 2);

        ObjectNode all = ReservationFields.select(reservation, ReservationFields.SEARCH_SUMMARY, List.of("all"));
        assertThat(all.has("financeField")).isTrue();
        assertThat(all.has("listingName")).isTrue();

        ObjectNode list = ListResponse.build(new ListResponse.Page(List.of(summary, wider, all), 3, null, null),
                i -> "unused", "hint");
        assertThat(ToolSchemas.violations("search_reservations", "output", list)).isEmpty();
    }

    @Test
    void reservationDetailGroupsAddTheirFields() throws IOException {
        ObjectNode reservation = example("reservation.json");

        ObjectNode base = ReservationFields.select(reservation, ReservationFields.DETAIL_BASE, List.of());
        assertThat(base.has("doorCode")).isFalse();
        ObjectNode withAccess = ReservationFields.select(reservation, ReservationFields.DETAIL_BASE,
                ReservationFields.groupFields(List.of("access", "money")));
        assertThat(withAccess.get("doorCode").asText()).isEqualTo("12345");
        assertThat(withAccess.get("financeField").isArray()).isTrue();

        ObjectNode result = JSON.createObjectNode();
        result.set("reservation", withAccess);
        result.putArray("fieldGroups").add("access").add("money");
        assertThat(ToolSchemas.violations("get_reservation", "output", result)).isEmpty();
    }

    @Test
    void statusSearchKeepsOnlyMatchesAndStopsOneAfterTheLimit() {
        SearchReservationsTool.Search search = SearchReservationsTool.Search
                .of(arguments("{\"status\":[\"new\",\"modified\"],\"limit\":2}"));
        ArrayNode rows = JSON.createArrayNode();
        String[] statuses = { "cancelled", "new", "inquiry", "modified", "new", "new" };
        for (int i = 0; i < statuses.length; i++) {
            rows.addObject().put("id", 100 - i).put("status", statuses[i]);
        }

        SearchReservationsTool.Scan scan = SearchReservationsTool.absorb(
                new SearchReservationsTool.Scan(new ArrayList<>(), null, null, 0, false),
                new HostawayPage(rows, 500, 100, null), search, SearchReservationsTool.SCAN_PAGE_SIZE);

        assertThat(scan.matches()).extracting(r -> r.get("id").asLong()).containsExactly(99L, 97L, 96L);
        assertThat(scan.lastScannedId()).isEqualTo(96L);
        assertThat(scan.total()).as("Hostaway's count ignores the status filter").isNull();
        assertThat(scan.exhausted()).isTrue();
    }

    @Test
    void searchRefusesAnArrivalRangeThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> SearchReservationsTool.Search
                .of(arguments("{\"arrivalFrom\":\"2026-05-02\",\"arrivalTo\":\"2026-05-01\"}")))
                .isInstanceOfSatisfying(ToolFailure.class, f -> {
                    assertThat(f.errorType()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(f.getMessage()).contains("arrivalTo").contains("arrivalFrom");
                });
    }

    @Test
    void cursorsAreBoundToTheFiltersAndCarryNoGuestData() {
        ToolContext context = context("search_reservations");
        SearchReservationsTool.Search byEmail = SearchReservationsTool.Search
                .of(arguments("{\"guestEmail\":\"anna.berg.17@guests.example.com\",\"guestName\":\"Anna\"}"));
        String cursor = context.cursors()
                .encode(ListResponse.cursorState(byEmail.fingerprint()).put("afterId", 1000100017L));

        String payload = new String(java.util.Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("anna").doesNotContain("Anna").doesNotContain("guests.example.com");
        assertThat(ListResponse.resume(context.cursors(), cursor, byEmail.fingerprint()).get("afterId").asLong())
                .isEqualTo(1000100017L);

        SearchReservationsTool.Search other = SearchReservationsTool.Search
                .of(arguments("{\"guestEmail\":\"someone.else@guests.example.com\"}"));
        assertThatThrownBy(() -> ListResponse.resume(context.cursors(), cursor, other.fingerprint()))
                .isInstanceOfSatisfying(ToolFailure.class,
                        f -> assertThat(f.getMessage()).contains("other filters"));
        assertThatThrownBy(() -> ListResponse.resume(context("list_conversations").cursors(), cursor,
                byEmail.fingerprint())).isInstanceOf(ToolFailure.class);
    }

    @Test
    void itemsBeyondTheBudgetAreDroppedWithACursorAfterTheLastKeptOne() {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(JSON.createObjectNode().put("id", i).put("text", "x".repeat(400)));
        }
        ObjectNode list = ListResponse.build(new ListResponse.Page(items, 250, "unused-when-truncated", null),
                i -> "after-" + i, "ask for fewer fields.");

        int returned = list.get("returned").asInt();
        assertThat(returned).isBetween(1, 99);
        assertThat(list.get("items").toString().length()).isLessThanOrEqualTo(ResponseBudget.ITEMS_BUDGET);
        assertThat(list.get("truncated").asBoolean()).isTrue();
        assertThat(list.get("nextCursor").asText()).isEqualTo("after-" + (returned - 1));
        assertThat(list.get("note").asText()).contains("fewer fields");
        assertThat(list.get("total").asInt()).isEqualTo(250);
    }

    @Test
    void guestComesFromTheReservationsGuestFields() throws IOException {
        ObjectNode guest = GetGuestTool.guest(example("reservation.json"));

        assertThat(guest.get("reservationId").asLong()).isEqualTo(13);
        assertThat(guest.get("name").asText()).isEqualTo("Andrew Peterson");
        assertThat(guest.get("email").asText()).isEqualTo("mail@test.com");
        assertThat(guest.get("phone").asText()).isEqualTo("+75125551212");
        assertThat(guest.get("country").asText()).isEqualTo("US");
        assertThat(guest.get("language").isNull()).isTrue();
        assertThat(guest.get("children").isNull()).isTrue();
        assertThat(ToolSchemas.violations("get_guest", "output", guest)).isEmpty();
    }

    @Test
    void conversationSummaryPreviewsTheLatestMessage() throws IOException {
        ObjectNode conversation = example("conversation.json");
        ((ObjectNode) conversation.get("conversationMessages").get(0)).put("body", "y".repeat(300));

        ObjectNode summary = ListConversationsTool.summary(conversation, List.of());
        assertThat(summary.get("id").asLong()).isEqualTo(1406);
        assertThat(summary.get("guestName").asText()).isEqualTo("John Smith");
        assertThat(summary.get("lastMessageAt").asText()).isEqualTo("2018-06-28 11:24:40");
        assertThat(summary.get("lastMessagePreview").asText()).hasSize(ListConversationsTool.PREVIEW_CHARS)
                .endsWith("…");
        assertThat(summary.get("lastMessageIncoming").asBoolean(true)).isFalse();
        assertThat(summary.get("hasUnreadMessages").isBoolean()).isTrue();

        ObjectNode wider = ListConversationsTool.summary(conversation, List.of("reservationStatus", "arrivalDate"));
        assertThat(wider.get("reservationStatus").asText()).isEqualTo("new");
        assertThat(wider.get("arrivalDate").asText()).isEqualTo("2018-06-13");
        ObjectNode all = ListConversationsTool.summary(conversation, List.of("all"));
        assertThat(all.has("Reservation")).isTrue();

        ObjectNode list = ListResponse.build(new ListResponse.Page(List.of(summary, wider, all), 3, null, null),
                i -> "unused", "hint");
        assertThat(ToolSchemas.violations("list_conversations", "output", list)).isEmpty();
    }

    @Test
    void messageBodiesAreCutUnlessFullBodiesAreAskedFor() throws IOException {
        ObjectNode message = example("conversationMessage.json");
        message.put("body", "z".repeat(1200));

        ObjectNode cut = GetConversationMessagesTool.summary(message, List.of(), 500);
        assertThat(cut.get("body").asText()).hasSize(500);
        assertThat(cut.get("bodyTruncated").asBoolean()).isTrue();
        assertThat(cut.get("isIncoming").isBoolean()).isTrue();
        assertThat(cut.get("communicationType").asText()).isEqualTo("email");

        ObjectNode whole = GetConversationMessagesTool.summary(message, List.of("attachments"),
                GetConversationMessagesTool.FULL_BODY_MAX_CHARS);
        assertThat(whole.get("body").asText()).hasSize(1200);
        assertThat(whole.get("bodyTruncated").asBoolean()).isFalse();
        assertThat(whole.get("attachments").get(0).get("name").asText()).isEqualTo("download.jpeg");

        ObjectNode list = ListResponse.build(new ListResponse.Page(List.of(cut, whole,
                GetConversationMessagesTool.summary(message, List.of("all"), 100)), 3, null, null), i -> "unused",
                "hint");
        assertThat(ToolSchemas.violations("get_conversation_messages", "output", list)).isEmpty();
    }

    @Test
    void sentMessageIsReportedWithoutItsBody() throws IOException {
        ObjectNode stored = SendGuestMessageTool.stored(example("conversationMessage.json"), "Hello, welcome!");

        assertThat(stored.toString()).doesNotContain("hello guest").doesNotContain("welcome");
        assertThat(stored.get("bodyChars").asInt()).isEqualTo(15);
        ObjectNode result = JSON.createObjectNode().put("sent", true);
        result.set("message", stored);
        assertThat(ToolSchemas.violations("send_guest_message", "output", result)).isEmpty();
    }

    @Test
    void financeReportPagesThroughRowsAndKeepsChosenColumns() throws Exception {
        ToolContext context = context("get_financial_report");
        GetFinancialReportTool.Request request = GetFinancialReportTool.Request.of(arguments(
                "{\"type\":\"consolidated\",\"fromDate\":\"2019-01-01\",\"toDate\":\"2019-12-31\",\"limit\":2,"
                        + "\"columns\":[\"reservation id\",\"Owner payout\",\"Arrival date\"]}"));
        FinanceReportCsv.Report report = FinanceReportCsv.parse(exampleCsv("consolidated"));

        ToolResult first = GetFinancialReportTool.toResult(context, request, 0, report);
        ObjectNode page = first.structured();
        assertThat(ToolSchemas.violations("get_financial_report", "output", page)).isEmpty();
        assertThat(page.get("columns")).hasSize(3);
        assertThat(page.get("columns").get(1).get("name").asText()).isEqualTo("Owner payout");
        assertThat(page.get("rows").get(0).get(0).asText()).isEqualTo("755143");
        assertThat(page.get("rows").get(0).get(1).asLong()).isEqualTo(2503);
        assertThat(page.get("totals").get("Owner payout").doubleValue()).isEqualTo(372366.254);
        assertThat(page.get("totals").has("Arrival date")).isFalse();
        assertThat(page.get("rowCount").asInt()).isEqualTo(3);
        assertThat(page.get("returned").asInt()).isEqualTo(2);
        assertThat(first.text()).contains("Owner payout").contains("755143");

        int offset = ListResponse.resume(context.cursors(), page.get("nextCursor").asText(), request.fingerprint())
                .get("offset").asInt();
        ObjectNode second = GetFinancialReportTool.toResult(context, request, offset, report).structured();
        assertThat(second.get("rows")).hasSize(1);
        assertThat(second.get("rows").get(0).get(0).asText()).isEqualTo("848020");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void financeReportRefusesUnknownColumnsAndOverlongPeriods() throws Exception {
        GetFinancialReportTool.Request request = GetFinancialReportTool.Request.of(arguments(
                "{\"type\":\"listingFinancials\",\"fromDate\":\"2026-01-01\",\"toDate\":\"2026-01-31\","
                        + "\"columns\":[\"Revenue\"]}"));
        FinanceReportCsv.Report report = FinanceReportCsv.parse(exampleCsv("listingFinancials"));
        assertThatThrownBy(() -> GetFinancialReportTool.toResult(context("get_financial_report"), request, 0, report))
                .isInstanceOfSatisfying(ToolFailure.class,
                        f -> assertThat(f.remediation()).contains("Listing name").contains("Owner payout"));

        assertThatThrownBy(() -> GetFinancialReportTool.Request.of(arguments(
                "{\"type\":\"standard\",\"fromDate\":\"2025-01-01\",\"toDate\":\"2026-06-30\"}")))
                .isInstanceOfSatisfying(ToolFailure.class, f -> assertThat(f.getMessage()).contains("366"));
    }

    @Test
    void financeReportRowsBeyondTheBudgetAreTruncatedWithACursor() throws Exception {
        StringBuilder csv = new StringBuilder("\"Reservation ID\",\"Listing name\",Amount\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(",\"").append("Very long listing name ".repeat(10)).append(i).append("\",")
                    .append(i * 10.5).append('\n');
        }
        GetFinancialReportTool.Request request = GetFinancialReportTool.Request.of(arguments(
                "{\"type\":\"standard\",\"fromDate\":\"2026-01-01\",\"toDate\":\"2026-01-31\",\"limit\":100}"));

        ObjectNode page = GetFinancialReportTool
                .toResult(context("get_financial_report"), request, 0, FinanceReportCsv.parse(csv.toString()))
                .structured();

        assertThat(page.get("truncated").asBoolean()).isTrue();
        assertThat(page.get("returned").asInt()).isLessThan(100);
        assertThat(page.get("nextCursor").isTextual()).isTrue();
        assertThat(page.get("note").asText()).contains("columns");
        assertThat(page.toString().length()).isLessThan(ResponseBudget.ITEMS_BUDGET + 2_000);
        assertThat(page.get("totals").isNull()).isTrue();
    }

    private static String exampleCsv(String type) throws IOException {
        try (InputStream in = ReservationViewsTest.class.getClassLoader()
                .getResourceAsStream("hostaway/finance.report." + type + ".response.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ObjectNode arguments(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
