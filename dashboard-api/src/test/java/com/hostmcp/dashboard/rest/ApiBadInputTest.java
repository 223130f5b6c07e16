package com.hostmcp.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.hostmcp.dashboard.DashboardTestResource;
import com.hostmcp.dashboard.TestTokens;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A corpus of bad input against every /api endpoint that changes something or takes an id: malformed, mistyped, deeply
 * nested, oversized and non-UTF-8 bodies, unknown fields, huge strings, SQL/NoSQL injection and path traversal in path
 * ids and query filters, CR/LF in ids and headers. Every case is a 4xx RFC 9457 problem decided by the dashboard itself
 * (the internal services are not running here, so a case that got through to one would be a 503), never a 5xx, a
 * stack trace or a class name; the service stays ready.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DashboardTestResource.class, scope = TestResourceScope.GLOBAL)
class ApiBadInputTest {

    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|\\tat |\\.java:\\d|\\b(java|javax|jakarta|io\\.quarkus|io\\.vertx|org\\.jboss|com\\.hostmcp|"
                    + "com\\.fasterxml)\\.|127\\.0\\.0\\.1");

    /** Strings an attacker puts where an id or a filter belongs. */
    private static final List<String> HOSTILE = List.of("../../../etc/passwd", "..%2f..%2finternal", "%2e%2e",
            "..\\..\\windows", "' OR 1=1 --", "1; DROP TABLE api_keys;--", "{\"$gt\":\"\"}", "[$ne]=1", "*",
            "\r\nSet-Cookie: hijacked=1", "%0d%0aSet-Cookie:%20hijacked=1", "\u0000", "x".repeat(2_000),
            UUID.randomUUID() + "' OR '1'='1");

    /** Already percent-encoded path segments: dot segments, encoded separators, bytes that are not UTF-8. */
    private static final List<String> RAW_SEGMENTS = List.of("%2e%2e", "%2e%2e%2f%2e%2e%2finternal", "..%5c..%5cwin",
            "%C3%28", "%FF%FE", "%00", "%25%32%65");

    /** The endpoints that take a JSON body, each with a valid body to spoil field by field. */
    private static final Map<String, Map<String, String>> BODIES = new LinkedHashMap<>();

    static {
        BODIES.put("PATCH /api/organization", Map.of("name", "Acme"));
        BODIES.put("POST /api/members", Map.of("email", "new@example.com", "role", "ADMIN"));
        BODIES.put("PATCH /api/members/" + UUID.randomUUID(), Map.of("role", "ADMIN"));
        BODIES.put("PUT /api/hostaway-connection", Map.of("accountId", "12345", "secretKey", "not-a-real-secret"));
        BODIES.put("POST /api/keys", Map.of("name", "laptop"));
    }

    /** Every endpoint that changes something (the body limit applies to all of them). */
    private static final List<String> CHANGES = List.of("PATCH /api/organization", "POST /api/members",
            "PATCH /api/members/" + UUID.randomUUID(), "DELETE /api/members/" + UUID.randomUUID(),
            "PUT /api/hostaway-connection", "POST /api/hostaway-connection/test", "DELETE /api/hostaway-connection",
            "POST /api/keys", "DELETE /api/keys/" + UUID.randomUUID(), "POST /api/keys/" + UUID.randomUUID()
                    + "/regenerate",
            "POST /api/billing/checkout", "POST /api/billing/portal", "POST /api/billing/cancel",
            "POST /api/billing/resume", "POST /api/sync-requests");

    /** Endpoints with an id in the path ({} is where it goes). */
    private static final List<String> ID_PATHS = List.of("DELETE /api/keys/{}", "POST /api/keys/{}/regenerate",
            "PATCH /api/members/{}", "DELETE /api/members/{}", "GET /api/sync-requests/{}");

    /** Query parameters that filter, page or pick: endpoint and parameter. */
    private static final List<String> FILTERS = List.of("/api/audit-log keyId", "/api/audit-log tool",
            "/api/audit-log action", "/api/audit-log outcome", "/api/audit-log kind", "/api/audit-log cursor",
            "/api/audit-log from", "/api/audit-log to", "/api/audit-log limit", "/api/usage/daily tool",
            "/api/usage/daily days", "/api/sync-runs limit", "/api/billing/invoices limit");

    private final List<String> failures = new ArrayList<>();
    private int cases;

    /** After each corpus: still ready (Quarkus stops the application before an @AfterAll could ask). */
    @AfterEach
    void stillReady() {
        Response ready = given().when().get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);
        assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
    }

    @Test
    void badBodiesAreProblemsNamingWhatIsWrong() {
        for (Map.Entry<String, Map<String, String>> endpoint : BODIES.entrySet()) {
            String[] route = endpoint.getKey().split(" ");
            Map<String, String> valid = endpoint.getValue();
            Map<String, byte[]> corpus = new LinkedHashMap<>();
            corpus.put("not JSON", utf8("{not json"));
            corpus.put("cut off", utf8("{\"" + valid.keySet().iterator().next() + "\":"));
            corpus.put("trailing garbage", utf8(json(valid) + " x"));
            corpus.put("a key twice", utf8(json(valid).replace("}", ",\"" + valid.keySet().iterator().next()
                    + "\":\"again\"}")));
            corpus.put("an array", utf8("[" + json(valid) + "]"));
            corpus.put("a number", utf8("42"));
            corpus.put("a string", utf8("\"' OR 1=1 --\""));
            corpus.put("10,000 nested arrays", utf8("[".repeat(10_000) + "]".repeat(10_000)));
            corpus.put("10,000 nested objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
            corpus.put("invalid UTF-8", invalidUtf8(json(valid)));
            corpus.put("an unknown field", utf8(json(with(valid, "isAdmin", "true"))));
            corpus.put("a prototype pollution field", utf8(json(valid).replace("{", "{\"__proto__\":{\"admin\":true},")));
            for (String field : valid.keySet()) {
                corpus.put(field + " an object", utf8(json(valid).replace("\"" + field + "\":\"" + valid.get(field)
                        + "\"", "\"" + field + "\":{\"$gt\":\"\"}")));
                corpus.put(field + " an array", utf8(json(valid).replace("\"" + field + "\":\"" + valid.get(field)
                        + "\"", "\"" + field + "\":[\"" + valid.get(field) + "\"]")));
                corpus.put(field + " a number", utf8(json(valid).replace("\"" + field + "\":\"" + valid.get(field)
                        + "\"", "\"" + field + "\":1")));
                corpus.put(field + " 100,000 characters", utf8(json(with(valid, field, "x".repeat(100_000)))));
                corpus.put(field + " nested 10,000 deep", utf8(json(valid).replace("\"" + field + "\":\""
                        + valid.get(field) + "\"", "\"" + field + "\":" + "[".repeat(10_000) + "]".repeat(10_000))));
            }
            corpus.forEach((name, body) -> check(endpoint.getKey() + ": " + name,
                    user().contentType("application/json").body(body).when().request(route[0], route[1]), 400));
            check(endpoint.getKey() + ": not JSON as text/plain",
                    user().contentType("text/plain").body(json(valid)).when().request(route[0], route[1]), 415);
            check(endpoint.getKey() + ": form-encoded", user().contentType("application/x-www-form-urlencoded")
                    .body("name=x&role=OWNER").when().request(route[0], route[1]), 415);
        }
        assertThat(failures).as("cases (of %d) not answered with a clean 4xx problem", cases).isEmpty();
        System.out.printf("ApiBadInputTest: %d bad bodies on %d endpoints, each a 4xx problem%n", cases,
                BODIES.size());
    }

    @Test
    void bodiesBeyondTheLimitAre413ProblemsOnEveryChange() {
        byte[] tooLarge = new byte[300 * 1024];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        tooLarge[0] = '{';
        tooLarge[tooLarge.length - 1] = '}';
        for (String endpoint : CHANGES) {
            String[] route = endpoint.split(" ");
            Response response = user().contentType("application/json").body(tooLarge).when()
                    .request(route[0], route[1]);
            check(endpoint + ": 300 KB", response, 413);
            if (!response.asString().contains("256 KB")) {
                failures.add(endpoint + ": 300 KB -> " + response.statusCode() + " " + response.asString());
            }
        }
        assertThat(failures).as("cases (of %d) not answered with a 413 problem", cases).isEmpty();
        System.out.printf("ApiBadInputTest: %d changes with a 300 KB body, each a 413 problem%n", cases);
    }

    @Test
    void hostileIdsInPathsAreProblemsAndNeverReachAService() {
        for (String endpoint : ID_PATHS) {
            String[] route = endpoint.split(" ");
            for (String id : HOSTILE) {
                String path = route[1].replace("{}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
                var request = user().urlEncodingEnabled(false);
                if ("PATCH".equals(route[0])) {
                    request.contentType("application/json").body("{\"role\":\"ADMIN\"}");
                }
                check(endpoint + " with " + printable(id), request.when().request(route[0], path), 400);
            }
            for (String segment : RAW_SEGMENTS) {
                var request = user().urlEncodingEnabled(false);
                if ("PATCH".equals(route[0])) {
                    request.contentType("application/json").body("{\"role\":\"ADMIN\"}");
                }
                // a dot segment removed leaves a path with no resource: 404 (or 405 where another method has one)
                check(endpoint + " with raw " + segment, request.when().request(route[0], route[1].replace("{}",
                        segment)), 400, 404, 405);
            }
        }
        assertThat(failures).as("cases (of %d) not answered with a clean 4xx problem", cases).isEmpty();
        System.out.printf("ApiBadInputTest: %d hostile path ids on %d endpoints, each a 4xx problem%n", cases,
                ID_PATHS.size());
    }

    @Test
    void hostileFiltersAreProblemsAndNeverReachAService() {
        for (String filter : FILTERS) {
            String[] route = filter.split(" ");
            for (String value : HOSTILE) {
                check(filter + "=" + printable(value), user().queryParam(route[1], value).when().get(route[0]), 400);
            }
        }
        assertThat(failures).as("cases (of %d) not answered with a clean 4xx problem", cases).isEmpty();
        System.out.printf("ApiBadInputTest: %d hostile query filters on %d parameters, each a 4xx problem%n", cases,
                FILTERS.size());
    }

    @Test
    void crAndLfInHeadersAndIdsInjectNoResponseHeader() {
        String token = TestTokens.bearer();
        List<String> requests = List.of(
                // an encoded CR LF in a path id: refused, and nothing of it becomes a header
                "DELETE /api/keys/%0d%0aSet-Cookie:%20hijacked=1 HTTP/1.1\r\n",
                "GET /api/sync-requests/x%0d%0aLocation:%20http://evil.example HTTP/1.1\r\n",
                "GET /api/audit-log?keyId=%0d%0aSet-Cookie:%20hijacked=1 HTTP/1.1\r\n",
                // a bare CR or LF inside a header value
                "DELETE /api/keys/x HTTP/1.1\r\nX-CSRF-Token: a\rSet-Cookie: hijacked=1\r\n",
                "DELETE /api/keys/x HTTP/1.1\r\nX-Requested-With: a\nSet-Cookie: hijacked=1\r\n");
        for (String head : requests) {
            String reply = exchange(head + "Host: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n");
            String headers = reply.contains("\r\n\r\n") ? reply.substring(0, reply.indexOf("\r\n\r\n")) : reply;
            String name = printable(head);
            int status = reply.length() >= 12 ? Integer.parseInt(reply.substring(9, 12)) : -1;
            cases++;
            // 404: an id with an encoded "//" in it no longer fits the route
            if (status != 400 && status != 404) {
                failures.add(name + " -> " + printable(reply));
            }
            if (headers.toLowerCase(Locale.ROOT).contains("hijacked") || headers.toLowerCase(Locale.ROOT)
                    .contains("evil.example")) {
                failures.add(name + ": injected header in " + printable(headers));
            }
            if (INTERNALS.matcher(reply).find()) {
                failures.add(name + ": internals in " + printable(reply));
            }
        }
        assertThat(failures).as("cases (of %d) with an injected header or not a 4xx", cases).isEmpty();
        System.out.printf("ApiBadInputTest: %d raw requests with CR/LF, each a 4xx without an injected header%n",
                cases);
    }

    private static RequestSpecification user() {
        return given().auth().oauth2(TestTokens.bearer());
    }

    /**
     * A clean refusal: one of the expected 4xx (never 401/403: the caller is signed in, so the input itself was judged),
     * problem+json with status, title and detail, nothing of the implementation.
     */
    private void check(String name, Response response, Integer... expected) {
        cases++;
        String body = response.asString();
        int status = response.statusCode();
        if (!List.of(expected).contains(status)) {
            failures.add(name + " -> " + status + " " + abbreviated(body));
            return;
        }
        if (response.contentType() == null || !response.contentType().startsWith("application/problem+json")) {
            failures.add(name + " -> " + status + " as " + response.contentType() + ": " + abbreviated(body));
            return;
        }
        if (response.jsonPath().getInt("status") != status || response.jsonPath().getString("title") == null
                || response.jsonPath().getString("detail") == null) {
            failures.add(name + " -> incomplete problem " + abbreviated(body));
        }
        if (INTERNALS.matcher(body).find()) {
            failures.add(name + " -> internals in " + abbreviated(body));
        }
    }

    private static String json(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return changed;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON with its first string value's first character replaced by a lead byte followed by '(': not UTF-8. */
    private static byte[] invalidUtf8(String json) {
        byte[] bytes = utf8(json);
        int at = json.indexOf(":\"") + 2;
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;
        return bytes;
    }

    private static String exchange(String request) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            return reply.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String printable(String text) {
        String shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return abbreviated(shown);
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
