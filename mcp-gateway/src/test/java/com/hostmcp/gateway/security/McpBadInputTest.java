package com.hostmcp.gateway.security;

import static com.hostmcp.gateway.testing.Bodies.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.gateway.testing.McpHttp;
import com.hostmcp.gateway.testing.McpSse;
import com.hostmcp.gateway.testing.RawHttp;
import com.hostmcp.gateway.testing.TestTenants;
import com.hostmcp.gateway.testing.TestTenants.TestTenant;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A corpus of bad input against both MCP transports ({@code /mcp}, {@code /mcp/sse} + {@code /mcp/messages/*}):
 * every case gets a clear 4xx, a JSON-RPC error or a tool error with its {@code [type]}, never a 5xx, a hang, a stack
 * trace or a class name; Hostaway only ever sees the paths of the tools' own operations; the gateway stays ready.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
class McpBadInputTest {

    /** Requests with invalid keys in this class come from here, so they count against no other test's address. */
    private static final String SOURCE = "127.0.0.31";
    private static final Pattern HOSTAWAY_OPERATION_PATHS = Pattern.compile("^/v1/(accessTokens|listings(/\\d+"
            + "(/calendar|/calendarIntervals)?)?|reservations(/\\d+)?|conversations(/\\d+/messages)?"
            + "|finance/report/(standard|consolidated|calculated|listingFinancials))$");
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int INVALID_PARAMS = -32602;

    /** What a case must get. */
    private interface Expect {
    }

    /** HTTP 400 with a JSON-RPC error of this code in the body. */
    private record Refused(int code) implements Expect {
    }

    /** A JSON-RPC error of this code as the answer (HTTP 200 on /mcp, on the stream for SSE). */
    private record RpcError(int code) implements Expect {
    }

    /** A tool result with isError and text starting with [type]. */
    private record ToolError(String type) implements Expect {
    }

    /** A successful tool result (bad-looking strings that are just text to Hostaway). */
    private record ToolSuccess() implements Expect {
    }

    private record Case(String name, byte[] body, Expect expect) {

        static Case of(String name, String body, Expect expect) {
            return new Case(name, body.getBytes(StandardCharsets.UTF_8), expect);
        }

        static Case tool(String name, String tool, String arguments, Expect expect) {
            return of(name, call(tool, arguments), expect);
        }
    }

    static TestTenant tenant;
    static TestTenant other;

    @BeforeAll
    static void tenants() {
        tenant = TestTenants.withOwnAccount(3);
        other = TestTenants.withOwnAccount(3);
    }

    @AfterAll
    static void stillReady() {
        RawHttp.Reply ready = RawHttp.exchange(RawHttp.request("GET", "/q/health/ready", List.of(), null));
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\": \"UP\"");
    }

    static List<Case> protocolCases() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        byte[] invalidUtf8 = call("list_listings", "{\"city\":\"XX\"}").getBytes(StandardCharsets.UTF_8);
        int at = new String(invalidUtf8, StandardCharsets.ISO_8859_1).indexOf("XX");
        invalidUtf8[at] = (byte) 0xC3; // a two-byte sequence's lead byte followed by '(' is not UTF-8
        invalidUtf8[at + 1] = (byte) 0x28;
        return List.of(
                Case.of("not JSON", "{not json", new Refused(PARSE_ERROR)),
                Case.of("empty body", "", new Refused(PARSE_ERROR)),
                new Case("invalid UTF-8", invalidUtf8, new Refused(PARSE_ERROR)),
                Case.of("10,000 nested arrays", deep, new Refused(PARSE_ERROR)),
                Case.of("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                        new Refused(PARSE_ERROR)),
                Case.of("10,000 nested arrays in the arguments", call("list_listings", "{\"city\":" + deep + "}"),
                        new Refused(PARSE_ERROR)),
                Case.of("trailing garbage", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x",
                        new Refused(PARSE_ERROR)),
                Case.of("a key twice", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/call\"}",
                        new Refused(PARSE_ERROR)),
                Case.of("batch", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", new Refused(INVALID_REQUEST)),
                Case.of("batch of tool calls", "[" + call("list_listings", "{}") + "," + call("list_listings", "{}")
                        + "]", new Refused(INVALID_REQUEST)),
                Case.of("empty batch", "[]", new Refused(INVALID_REQUEST)),
                Case.of("a number", "42", new Refused(INVALID_REQUEST)),
                Case.of("jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                        new Refused(INVALID_REQUEST)),
                Case.of("no jsonrpc", "{\"id\":1,\"method\":\"ping\"}", new Refused(INVALID_REQUEST)),
                Case.of("no method", "{\"jsonrpc\":\"2.0\",\"id\":1}", new Refused(INVALID_REQUEST)),
                Case.of("method a number", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",
                        new Refused(INVALID_REQUEST)),
                Case.of("id an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"$gt\":\"\"},\"method\":\"ping\"}",
                        new Refused(INVALID_REQUEST)),
                Case.of("params a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}",
                        new Refused(INVALID_PARAMS)),
                Case.of("tools/call without params", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}",
                        new Refused(INVALID_PARAMS)),
                Case.of("tool name a number",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":42}}",
                        new Refused(INVALID_PARAMS)),
                Case.of("arguments a string", call("get_listing", "\"../../v1/users\""), new Refused(INVALID_PARAMS)),
                Case.of("arguments an array", call("get_listing", "[1]"), new Refused(INVALID_PARAMS)),
                Case.of("_meta a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"list_listings\",\"arguments\":{},\"_meta\":\"x\"}}", new Refused(INVALID_PARAMS)),
                Case.of("progress token an object", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"list_listings\",\"arguments\":{},\"_meta\":{\"progressToken\":{}}}}",
                        new Refused(INVALID_PARAMS)),
                Case.of("completion ref a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\","
                        + "\"params\":{\"ref\":\"x\",\"argument\":{\"name\":\"a\",\"value\":\"b\"}}}",
                        new Refused(INVALID_PARAMS)),
                Case.of("resources/read uri a number",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":42}}",
                        new Refused(INVALID_PARAMS)),
                Case.of("cancel with an object id", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":{\"a\":1}}}", new Refused(INVALID_PARAMS)),
                Case.of("unknown method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"admin/users\"}",
                        new RpcError(METHOD_NOT_FOUND)),
                Case.of("path traversal as method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"../../v1/users\"}",
                        new RpcError(METHOD_NOT_FOUND)),
                Case.tool("unknown tool", "delete_everything", "{}", new RpcError(INVALID_PARAMS)),
                Case.tool("tool name with path traversal", "../../v1/users", "{}", new RpcError(INVALID_PARAMS)));
    }

    static List<Case> argumentCases() {
        long otherListing = other.accountId() * 10_000 + 1;
        String fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> "{\"listingId\":" + (tenant.accountId() * 10_000
                + i) + ",\"changes\":{\"name\":\"x\"}}").reduce((a, b) -> a + "," + b).orElseThrow();
        String tenThousand = IntStream.rangeClosed(1, 10_000)
                .mapToObj(i -> "{\"listingId\":" + i + ",\"changes\":{\"name\":\"x\"}}")
                .reduce(new StringBuilder(), (all, item) -> all.append(all.isEmpty() ? "" : ",").append(item),
                        StringBuilder::append)
                .toString();
        return List.of(
                Case.tool("listing id with path traversal", "get_listing", "{\"listingId\":\"../../v1/users\"}",
                        new ToolError("validation")),
                Case.tool("listing id with SQL", "get_listing", "{\"listingId\":\"1 OR 1=1\"}",
                        new ToolError("validation")),
                Case.tool("listing id with a NoSQL operator", "get_listing", "{\"listingId\":{\"$gt\":\"\"}}",
                        new ToolError("validation")),
                Case.tool("listing id negative", "get_listing", "{\"listingId\":-1}", new ToolError("validation")),
                Case.tool("listing id a fraction", "get_listing", "{\"listingId\":1.5}", new ToolError("validation")),
                Case.tool("listing id beyond 64 bits", "get_listing", "{\"listingId\":"
                        + new java.math.BigInteger("18446744073709551616").add(java.math.BigInteger.valueOf(
                                tenant.accountId() * 10_000 + 1))
                        + "}", new ToolError("validation")),
                Case.tool("listing id 1e30", "get_listing", "{\"listingId\":1e30}", new ToolError("validation")),
                Case.tool("another organization's listing", "get_listing", "{\"listingId\":" + otherListing + "}",
                        new ToolError("not_found")),
                Case.tool("reservation id with path traversal", "get_reservation",
                        "{\"reservationId\":\"../../../v1/accessTokens\"}", new ToolError("validation")),
                Case.tool("unknown argument", "list_listings", "{\"__proto__\":{\"admin\":true}}",
                        new ToolError("validation")),
                Case.tool("city with path traversal", "list_listings", "{\"city\":\"../../v1/users\"}",
                        new ToolSuccess()),
                Case.tool("city with SQL", "list_listings", "{\"city\":\"x' OR '1'='1'; DROP TABLE listings;--\"}",
                        new ToolSuccess()),
                Case.tool("city with a NoSQL operator", "list_listings", "{\"city\":{\"$gt\":\"\"}}",
                        new ToolError("validation")),
                Case.tool("name filter with URL syntax", "list_listings", "{\"match\":\"a&limit=100000#\"}",
                        new ToolSuccess()),
                Case.tool("limit a string", "list_listings", "{\"limit\":\"10\"}", new ToolError("validation")),
                Case.tool("limit too large", "list_listings", "{\"limit\":100000}", new ToolError("validation")),
                Case.tool("forged cursor", "list_listings", "{\"cursor\":\"../../etc/passwd\"}",
                        new ToolError("validation")),
                Case.tool("guest email with a NoSQL operator", "search_reservations",
                        "{\"guestEmail\":\"{\\\"$ne\\\":null}\"}", new ToolError("validation")),
                Case.tool("guest name with SQL", "search_reservations", "{\"guestName\":\"' OR 1=1 --\"}",
                        new ToolSuccess()),
                Case.tool("impossible date", "check_availability",
                        "{\"listingId\":1,\"startDate\":\"2026-13-45\",\"endDate\":\"2026-14-01\"}",
                        new ToolError("validation")),
                Case.tool("report type with path traversal", "get_financial_report",
                        "{\"type\":\"../../v1/users\",\"fromDate\":\"2026-01-01\",\"toDate\":\"2026-01-31\"}",
                        new ToolError("validation")),
                Case.tool("message of 100,000 characters", "send_guest_message",
                        "{\"conversationId\":1,\"body\":\"" + "x".repeat(100_000) + "\"}", new ToolError("validation")),
                Case.tool("batch of 51 updates", "batch_update_listings", "{\"items\":[" + fiftyOne + "]}",
                        new ToolError("validation")),
                Case.tool("batch of 10,000 updates", "batch_update_listings", "{\"items\":[" + tenThousand + "]}",
                        new ToolError("validation")));
    }

    @Test
    void everyMalformedOrUnknownMessageOverStreamableHttpGetsAClearErrorAndNoInternals() {
        McpHttp.Session session = McpHttp.open(freshKey());
        List<String> failures = new ArrayList<>();
        for (Case c : protocolCases()) {
            check(c, session.post(c.body()), null, failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyMalformedOrUnknownMessageOverSseGetsAClearErrorAndNoInternals() {
        List<String> failures = new ArrayList<>();
        try (McpSse sse = McpSse.open(freshKey())) {
            for (Case c : protocolCases()) {
                McpHttp.Answer answer = sse.post(c.body());
                check(c, answer, answer.status() / 100 == 2 ? sse.nextMessage(Duration.ofSeconds(10)) : null,
                        failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void badArgumentsGetToolErrorsOnBothTransportsAndHostawaySeesOnlyItsOperationsPaths() {
        List<String> failures = new ArrayList<>();
        McpHttp.Session session = McpHttp.open(freshKey());
        try (McpSse sse = McpSse.open(freshKey())) {
            for (Case c : argumentCases()) {
                check(c, session.post(c.body()), null, failures);
                McpHttp.Answer answer = sse.post(c.body());
                check(c, answer, answer.status() / 100 == 2 ? sse.nextMessage(Duration.ofSeconds(30)) : null,
                        failures);
            }
        }
        assertThat(failures).isEmpty();

        List<String> received = HostawayStandInResource.standIn().receivedRequests();
        assertThat(received).as("the filters reached Hostaway as query values")
                .anyMatch(request -> request.startsWith("GET /v1/listings?") && request.contains("users"));
        assertThat(received).allSatisfy(request -> assertThat(request.split(" ", 2)[1].split("\\?", 2)[0])
                .as(request).matches(HOSTAWAY_OPERATION_PATHS));
    }

    @Test
    void malformedHttpIsRefusedWith4xxBeforeReachingTheMcpServer() throws UnknownHostException {
        McpHttp.Session session = McpHttp.open(tenant.apiKey());
        List<String> valid = List.of("Content-Type: application/json", "Accept: application/json, text/event-stream",
                "X-API-Key: " + tenant.apiKey(), "Mcp-Session-Id: " + session.id(),
                "MCP-Protocol-Version: " + McpHttp.PROTOCOL_VERSION);
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) ' ');
        byte[] ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(ping, 0, twoMegabytes, 0, ping.length);
        List<String> chunked = new ArrayList<>(valid);
        chunked.add("Transfer-Encoding: chunked");
        InetAddress source = InetAddress.getByName(SOURCE);

        record HttpCase(String name, byte[] request, int status) {
        }
        List<HttpCase> cases = List.of(
                new HttpCase("2 MB body (limit 1 MB)", RawHttp.request("POST", "/mcp", valid, twoMegabytes), 413),
                new HttpCase("2 MB chunked body", RawHttp.requestWithRawBody("POST", "/mcp", chunked,
                        RawHttp.chunked(twoMegabytes)), 413),
                new HttpCase("CR LF in X-API-Key adds a header", RawHttp.request("POST", "/mcp",
                        List.of("Content-Type: application/json", "X-API-Key: hmcp_x\r\nX-Injected: yes"), ping), 401),
                new HttpCase("bare LF in X-API-Key", RawHttp.request("POST", "/mcp",
                        List.of("Content-Type: application/json", "X-API-Key: " + tenant.apiKey() + "\nX-Injected: 1"),
                        ping), 400),
                new HttpCase("bare CR in X-API-Key", RawHttp.request("POST", "/mcp",
                        List.of("Content-Type: application/json", "X-API-Key: " + tenant.apiKey() + "\rX-Injected: 1"),
                        ping), 400),
                new HttpCase("NUL in X-API-Key", RawHttp.request("POST", "/mcp",
                        List.of("Content-Type: application/json", "X-API-Key: " + tenant.apiKey() + "\0"), ping), 400),
                new HttpCase("64 KB X-API-Key", RawHttp.request("POST", "/mcp",
                        List.of("X-API-Key: " + "a".repeat(64 * 1024)), ping), 431),
                new HttpCase("2,000 headers", RawHttp.request("POST", "/mcp", IntStream.range(0, 2_000)
                        .mapToObj(i -> "X-Header-" + i + ": " + "v".repeat(20)).toList(), ping), 431),
                new HttpCase("10,000-character request target", RawHttp.request("GET", "/mcp?" + "a".repeat(10_000),
                        List.of("X-API-Key: " + tenant.apiKey()), null), 414));

        List<String> failures = new ArrayList<>();
        for (HttpCase c : cases) {
            RawHttp.Reply reply = RawHttp.exchange(source, c.request());
            if (reply.status() != c.status()) {
                failures.add(c.name() + ": expected " + c.status() + ", got " + reply);
            }
            if (c.status() == 413 && !reply.body().contains("\"error\":\"payload_too_large\"")) {
                failures.add(c.name() + ": no payload_too_large answer: " + reply);
            }
            if (reply.header("X-Injected").isPresent()) {
                failures.add(c.name() + ": an injected header came back: " + reply);
            }
            assertNoInternals(c.name(), reply.toString());
        }
        assertThat(failures).isEmpty();
        // the session and the gateway work as before
        assertThat(session.post(ping).message().path("result").isObject()).isTrue();
    }

    private static void check(Case c, McpHttp.Answer answer, JsonNode streamed, List<String> failures) {
        assertNoInternals(c.name(), answer.body());
        if (streamed != null) {
            assertNoInternals(c.name(), streamed.toString());
        }
        JsonNode message = streamed != null ? streamed : answer.message();
        String got = answer + (streamed == null ? "" : " stream: " + streamed);
        boolean answered = message != null;
        boolean ok;
        if (c.expect() instanceof Refused refused) {
            ok = answer.status() == 400 && answered && message.at("/error/code").asInt() == refused.code();
        } else if (c.expect() instanceof RpcError error) {
            ok = answer.status() / 100 == 2 && answered && message.at("/error/code").asInt() == error.code();
        } else if (c.expect() instanceof ToolError error) {
            ok = answer.status() / 100 == 2 && answered && message.at("/result/isError").asBoolean()
                    && message.at("/result/content/0/text").asText().startsWith("[" + error.type() + "] ");
        } else {
            ok = answer.status() / 100 == 2 && answered && message.at("/result/isError").isBoolean()
                    && !message.at("/result/isError").asBoolean();
        }
        if (!ok) {
            failures.add(c.name() + ": expected " + c.expect() + ", got " + got);
        }
    }

    /** A key of its own for each session: the corpus is larger than one key's burst allowance (60). */
    private static String freshKey() {
        return TestTenants.issueKey(tenant).apiKey();
    }

    private static String call(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }
}
