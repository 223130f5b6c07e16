package com.hostmcp.benchmarks.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * ToolInvoked events exactly as the gateway publishes them on mcp.tool-invocations.v1 (docs/events, CloudEvents JSON,
 * redacted arguments), for one organization and its keys, spread evenly over the last {@code days} days: 14 tools,
 * 90 % SUCCESS, 7 % ERROR, 3 % REFUSED, log-normal latencies around 55 ms. Built as text one at a time while sending
 * (a million of them would not fit in memory as a list), from a seeded generator (cheap, and repeatable in tests).
 */
public final class ToolInvokedRecords {

    static final List<String> TOOLS = List.of("list_listings", "get_listing", "check_availability",
            "search_reservations", "get_reservation", "get_guest", "list_conversations", "get_conversation_messages",
            "get_financial_summary", "get_financial_report", "update_calendar", "create_listing",
            "batch_update_listings", "send_guest_message");
    private static final String[] ERRORS = { "upstream", "timeout", "not_found", "rate_limited" };
    private static final int[] ERROR_STATUS = { 503, 504, 404, 429 };

    private final String organization;
    private final List<String> keys;
    private final long nowMillis;
    private final long spanMillis;
    private final SplittableRandom random;

    public ToolInvokedRecords(UUID organization, List<UUID> keys, Instant now, Duration spread, long seed) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key");
        }
        this.organization = organization.toString();
        this.keys = keys.stream().map(UUID::toString).toList();
        this.nowMillis = now.toEpochMilli();
        this.spanMillis = spread.toMillis();
        this.random = new SplittableRandom(seed);
    }

    /** The next event (CloudEvents structured JSON). Not thread-safe: one sender thread. */
    public String next() {
        long latency = Math.max(1, Math.round(Math.exp(4 + random.nextGaussian() * 0.8)));
        long started = nowMillis - latency - random.nextLong(spanMillis);
        String tool = TOOLS.get(random.nextInt(TOOLS.size()));
        double roll = random.nextDouble();
        String outcome = roll < 0.90 ? "SUCCESS" : roll < 0.97 ? "ERROR" : "REFUSED";
        int error = random.nextInt(ERRORS.length);
        StringBuilder json = new StringBuilder(900);
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(uuid()).append("\",\"type\":")
                .append("\"com.hostmcp.mcp.ToolInvoked.v1\",\"source\":\"/mcp-gateway\",\"subject\":\"")
                .append(organization).append("\",\"time\":\"").append(Instant.ofEpochMilli(started + latency))
                .append("\",\"datacontenttype\":\"application/json\",\"data\":{\"invocationId\":\"").append(uuid())
                .append("\",\"organizationId\":\"").append(organization).append("\",\"keyId\":\"")
                .append(keys.get(random.nextInt(keys.size()))).append("\",\"tool\":\"").append(tool)
                .append("\",\"arguments\":{\"listingId\":").append(200_010_001L + random.nextInt(5))
                .append(",\"guestName\":\"[REDACTED]\"},\"outcome\":\"").append(outcome).append("\",");
        switch (outcome) {
            case "SUCCESS" -> json.append("\"errorType\":null,\"errorMessage\":null,\"latencyMs\":").append(latency)
                    .append(",\"hostawayStatus\":200,\"hostawayCalls\":1,");
            case "ERROR" -> json.append("\"errorType\":\"").append(ERRORS[error]).append("\",\"errorMessage\":")
                    .append("\"Hostaway answered ").append(ERROR_STATUS[error]).append(".\",\"latencyMs\":")
                    .append(latency).append(",\"hostawayStatus\":").append(ERROR_STATUS[error])
                    .append(",\"hostawayCalls\":").append(1 + random.nextInt(3)).append(',');
            default -> json.append("\"errorType\":\"entitlement\",\"errorMessage\":\"The organization's")
                    .append(" subscription is suspended.\",\"latencyMs\":").append(latency)
                    .append(",\"hostawayStatus\":null,\"hostawayCalls\":0,");
        }
        json.append("\"transport\":\"").append(random.nextInt(10) == 0 ? "SSE" : "STREAMABLE_HTTP")
                .append("\",\"mcpSessionId\":\"").append(uuid()).append("\",\"startedAt\":\"")
                .append(Instant.ofEpochMilli(started)).append("\"}}");
        return json.toString();
    }

    /** A W3C traceparent as the gateway adds to its records (a fresh trace per call). */
    public String traceparent() {
        return String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong() | 1);
    }

    /** A random (version 4) UUID from the seeded generator: SecureRandom would cost more than the rest. */
    private String uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
