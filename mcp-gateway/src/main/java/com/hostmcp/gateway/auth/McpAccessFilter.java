package com.hostmcp.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hostmcp.gateway.ActiveKey;
import com.hostmcp.gateway.Caller;
import com.hostmcp.gateway.events.GatewayEventPublisher;
import com.hostmcp.gateway.projection.ApiKeyProjection;
import com.hostmcp.security.ApiKeyFormat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The gate in front of both MCP transports ({@code /mcp}, {@code /mcp/sse}, {@code /mcp/messages/*}), before the MCP
 * extension sees a request: Origin check, a limit on failed authentications per source address, API key
 * authentication, inbound rate limits per key and per organization, MCP sessions bound to the organization that
 * uses them first, the body size limit (for an announced Content-Length), and refusal while the event buffer is full. Every
 * refusal
 * is a JSON body that says what to do. The authenticated
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
    private static final long MAX_TRACKED_SOURCES = 100_000;
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String MESSAGES_PATH = "/mcp/messages/";
    static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    static final String SMALLER_REQUESTS = "Send smaller requests: fewer or shorter arguments (e.g. fewer items per"
            + " batch_update_listings call).";

    private final ApiKeyProjection apiKeys;
    private final GatewayEventPublisher events;
    private final AccessConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Set<String> allowedOrigins;
    private final ConcurrentHashMap<UUID, Bucket> keyBuckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Bucket> organizationBuckets = new ConcurrentHashMap<>();
    /** Per source address; an entry unused until its bucket is full again is forgotten (bounds the memory). */
    private final Cache<String, Bucket> failedAuthentications;
    /**
     * The organization of each live MCP session, claimed by the first authenticated request that uses it (its own
     * client, which alone learnt the id), so that another organization's key cannot use it: responses on the SSE
     * transport go to the session's stream, and a session can be closed by whoever presents it.
     */
    private final Cache<String, UUID> sessionOwners;
    private final ConnectionManager connections;
    private final long maxBodySize;
    private final Counter invalidKeys;
    private final Counter sourceRefusals;

    public McpAccessFilter(ApiKeyProjection apiKeys, GatewayEventPublisher events, AccessConfig config,
            ObjectMapper mapper, MeterRegistry registry, ConnectionManager connections,
            @ConfigProperty(name = "quarkus.mcp.server.connection-idle-timeout", defaultValue = "30m") Duration sessionIdleTimeout,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.apiKeys = apiKeys;
        this.events = events;
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.connections = connections;
        this.maxBodySize = maxBodySize.asLongValue();
        // sessions end after this idle time in the MCP extension; every request with one reads its owner here
        this.sessionOwners = Caffeine.newBuilder().expireAfterAccess(sessionIdleTimeout).build();
        AccessConfig.Limit failed = config.failedAuthenticationsPerSource();
        this.failedAuthentications = Caffeine.newBuilder().maximumSize(MAX_TRACKED_SOURCES)
                .expireAfterAccess(failed.refillPeriod().multipliedBy(
                        Math.max(1, (failed.capacity() + failed.refillTokens() - 1) / failed.refillTokens())))
                .build();
        this.invalidKeys = registry.counter("hostmcp.mcp.auth.refusals", "reason", "invalid_key");
        this.sourceRefusals = registry.counter("hostmcp.mcp.auth.refusals", "reason", "source_limited");
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
        Optional<String> presented = presentedKey(context);
        Bucket failures = presented.isEmpty() ? null
                : failedAuthentications.get(source(context),
                        source -> bucket(config.failedAuthenticationsPerSource()));
        if (failures != null && failures.getAvailableTokens() <= 0) {
            sourceRefusals.increment();
            long seconds = wholeSeconds(failures.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            context.response().putHeader("Retry-After", Long.toString(seconds));
            refuse(context, 429, "too_many_failed_authentications", "Too many requests with invalid API keys came"
                    + " from this address; requests with a key are refused for now.",
                    "Wait " + seconds + " s, then use a valid key from the HostMCP dashboard (" + config.keysUrl()
                            + ").");
            return;
        }
        Optional<ActiveKey> key = presented.filter(ApiKeyFormat::isWellFormed)
                .flatMap(value -> apiKeys.findByHash(ApiKeyFormat.sha256Hex(value)));
        if (key.isEmpty()) {
            if (failures != null) {
                failures.tryConsume(1);
                invalidKeys.increment();
            }
            unauthorized(context, presented.isPresent());
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
            long seconds = wholeSeconds(waitNanos);
            context.response().putHeader("Retry-After", Long.toString(seconds));
            refuse(context, 429, "rate_limited", "Too many requests for this API key or organization.",
                    "Wait " + seconds + " s before the next request; spread calls out or ask the operator for a"
                            + " higher limit.");
            return;
        }
        String session = sessionOf(context, path);
        if (session != null && connections.has(session) && !activeKey.organizationId()
                .equals(sessionOwners.get(session, id -> activeKey.organizationId()))) {
            refuse(context, 404, "session_not_found", "This API key has no MCP session with this id.",
                    "Start a new session: send initialize without an Mcp-Session-Id header, or connect to /mcp/sse"
                            + " again.");
            return;
        }
        if (declaredLength(context) > maxBodySize) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(context, 413, PAYLOAD_TOO_LARGE, payloadTooLarge(maxBodySize), SMALLER_REQUESTS);
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
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank()) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.empty();
    }

    /** The Content-Length the client announced; -1 without one (chunked bodies are limited while they are read). */
    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            // the HTTP server refuses such a request itself
            return -1;
        }
    }

    static String payloadTooLarge(long limit) {
        return "The request body is larger than " + limit / 1024 + " KB, the most the gateway accepts.";
    }

    /** The MCP session a request belongs to: the Streamable HTTP header, or the SSE transport's message path. */
    private static String sessionOf(RoutingContext context, String path) {
        if (path.startsWith(MESSAGES_PATH)) {
            return path.substring(MESSAGES_PATH.length());
        }
        String header = context.request().getHeader(SESSION_HEADER);
        return header == null || header.isBlank() ? null : header;
    }

    /** The client's address (the forwarded one when {@code quarkus.http.proxy.*} trusts the proxy). */
    private static String source(RoutingContext context) {
        SocketAddress address = context.request().remoteAddress();
        if (address == null) {
            return "unknown";
        }
        // a trusted proxy may forward a client that is no IP address ("unknown", an RFC 7239 obfuscated identifier):
        // Vert.x then has no host address, and the proxy's word for the client is the source
        String ip = address.hostAddress();
        return ip != null ? ip : address.host();
    }

    private static long wholeSeconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
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
