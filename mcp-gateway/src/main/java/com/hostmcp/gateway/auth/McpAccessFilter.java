package com.hostmcp.gateway.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.ActiveKey;
import com.hostmcp.gateway.Caller;
import com.hostmcp.gateway.events.GatewayEventPublisher;
import com.hostmcp.gateway.projection.ApiKeyProjection;
import com.hostmcp.security.ApiKeyFormat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The gate in front of both MCP transports ({@code /mcp}, {@code /mcp/sse}, {@code /mcp/messages/*}), before the MCP
 * extension sees a request: Origin check, API key authentication, inbound rate limits per key and per organization,
 * and refusal while the event buffer is full. Every refusal is a JSON body that says what to do. The authenticated
 * {@link Caller} is left on the routing context for the tool pipeline ({@link #CALLER}).
 */
@ApplicationScoped
public class McpAccessFilter {

    /** Routing-context key of the authenticated {@link Caller}. */
    public static final String CALLER = Caller.class.getName();
    static final String API_KEY_HEADER = "X-API-Key";
    /** Runs before the MCP routes and after Quarkus' own low-level handlers. */
    private static final int PRIORITY = 100;
    private static final String WWW_AUTHENTICATE = "Bearer realm=\"hostmcp\"";

    private final ApiKeyProjection apiKeys;
    private final GatewayEventPublisher events;
    private final AccessConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Set<String> allowedOrigins;
    private final ConcurrentHashMap<UUID, Bucket> keyBuckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Bucket> organizationBuckets = new ConcurrentHashMap<>();

    public McpAccessFilter(ApiKeyProjection apiKeys, GatewayEventPublisher events, AccessConfig config,
            ObjectMapper mapper, MeterRegistry registry) {
        this.apiKeys = apiKeys;
        this.events = events;
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.allowedOrigins = Set.copyOf(config.allowedOrigins().orElse(List.of()).stream()
                .map(origin -> origin.toLowerCase(Locale.ROOT)).toList());
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.equals("/mcp") && !path.startsWith("/mcp/")) {
            context.next();
            return;
        }
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            refuse(context, 403, "origin_not_allowed", "Requests from the browser origin " + sanitize(origin)
                    + " are not accepted (DNS-rebinding protection).",
                    "Call the MCP endpoint from an MCP client, or ask the operator to add this origin to"
                            + " gateway.access.allowed-origins.");
            return;
        }
        Optional<ActiveKey> key = presentedKey(context).filter(ApiKeyFormat::isWellFormed)
                .flatMap(presented -> apiKeys.findByHash(ApiKeyFormat.sha256Hex(presented)));
        if (key.isEmpty()) {
            unauthorized(context, presentedKey(context).isPresent());
            return;
        }
        ActiveKey activeKey = key.get();
        long waitNanos = Math.max(
                waitFor(keyBuckets.computeIfAbsent(activeKey.keyId(), id -> bucket(config.perKey()))),
                waitFor(organizationBuckets.computeIfAbsent(activeKey.organizationId(),
                        id -> bucket(config.perOrganization()))));
        if (waitNanos > 0) {
            registry.counter("hostmcp.mcp.rate_limit.rejections", "organization",
                    activeKey.organizationId().toString()).increment();
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            context.response().putHeader("Retry-After", Long.toString(seconds));
            refuse(context, 429, "rate_limited", "Too many requests for this API key or organization.",
                    "Wait " + seconds + " s before the next request; spread calls out or ask the operator for a"
                            + " higher limit.");
            return;
        }
        if (!events.hasCapacity()) {
            context.response().putHeader("Retry-After", "5");
            refuse(context, 503, "temporarily_unavailable", "The gateway cannot record calls right now, so it"
                    + " accepts none (every call is audited).", "Retry in a few seconds.");
            return;
        }
        context.put(CALLER, new Caller(activeKey.organizationId(), activeKey.keyId(), activeKey.displayHint()));
        context.next();
    }

    /** The key from {@code X-API-Key}, else from {@code Authorization: Bearer}. */
    static Optional<String> presentedKey(RoutingContext context) {
        String header = context.request().getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.empty();
    }

    /** Nanoseconds until the bucket has a token for this request, 0 if it was taken. */
    private static long waitFor(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    private static Bucket bucket(AccessConfig.Limit limit) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(limit.refillTokens(), limit.refillPeriod()).build()).build();
    }

    private void unauthorized(RoutingContext context, boolean keyPresented) {
        context.response().putHeader("WWW-Authenticate",
                keyPresented ? WWW_AUTHENTICATE + ", error=\"invalid_token\"" : WWW_AUTHENTICATE);
        refuse(context, 401, keyPresented ? "invalid_api_key" : "missing_api_key",
                keyPresented ? "The API key is not valid: it is mistyped, revoked or was never issued."
                        : "An API key is required.",
                "Create a key in the HostMCP dashboard (" + config.keysUrl() + ") and send it as 'X-API-Key: <key>'"
                        + " or 'Authorization: Bearer <key>'.");
    }

    private void refuse(RoutingContext context, int status, String error, String message, String remediation) {
        ObjectNode body = mapper.createObjectNode().put("error", error).put("message", message)
                .put("remediation", remediation);
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toString());
    }

    /** An Origin is echoed only if it looks like one, so that a refusal never reflects arbitrary input. */
    private static String sanitize(String origin) {
        return origin.matches("[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.:\\[\\]-]{1,253}") ? origin : "(unrecognised)";
    }
}
