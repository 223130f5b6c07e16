package com.hostmcp.gateway.invocation;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.Caller;
import com.hostmcp.gateway.Entitlement;
import com.hostmcp.gateway.EntitlementState;
import com.hostmcp.gateway.GatewayTopics;
import com.hostmcp.gateway.HostawayStatus;
import com.hostmcp.gateway.OrganizationState;
import com.hostmcp.gateway.auth.McpAccessFilter;
import com.hostmcp.gateway.events.GatewayEventPublisher;
import com.hostmcp.gateway.hostaway.HostawayAccounts;
import com.hostmcp.gateway.hostaway.HostawayCallStats;
import com.hostmcp.gateway.projection.EntitlementProjection;
import com.hostmcp.gateway.projection.OrganizationProjection;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.PageCursors;
import com.hostmcp.gateway.tool.ResponseBudget;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolResult;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.mcp.server.InitialRequest;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs one tool call: who is calling (from {@link McpAccessFilter}), whether the organization may use the gateway
 * (entitlement, Hostaway connection), argument validation, the tool itself with its organization's Hostaway API,
 * failure mapping, the response cap, and exactly one {@code ToolInvoked} and one {@code UsageRecorded} event per call,
 * refused and failed calls included.
 */
@ApplicationScoped
public class ToolInvocationService {

    private static final Logger LOG = Logger.getLogger(ToolInvocationService.class);
    static final String TOOL_INVOKED = "com.hostmcp.mcp.ToolInvoked.v1";
    static final String USAGE_RECORDED = "com.hostmcp.mcp.UsageRecorded.v1";
    private static final int ERROR_MESSAGE_MAX = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CurrentVertxRequest currentRequest;
    private final OrganizationProjection organizations;
    private final EntitlementProjection entitlements;
    private final HostawayAccounts hostaway;
    private final GatewayEventPublisher events;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final byte[] cursorSecret;

    public ToolInvocationService(CurrentVertxRequest currentRequest, OrganizationProjection organizations,
            EntitlementProjection entitlements, HostawayAccounts hostaway, GatewayEventPublisher events,
            ObjectMapper mapper, MeterRegistry registry, ToolsConfig config) {
        this.currentRequest = currentRequest;
        this.organizations = organizations;
        this.entitlements = entitlements;
        this.hostaway = hostaway;
        this.events = events;
        this.mapper = mapper;
        this.registry = registry;
        this.cursorSecret = config.cursorSecret().map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    return random;
                });
    }

    /** One tools/call of {@code tool} with the client's {@code arguments} (a JSON object, maybe empty). */
    public Uni<ToolResponse> invoke(RegisteredTool tool, ObjectNode arguments, McpConnection connection) {
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        RoutingContext request = currentRequest.getCurrent();
        Caller caller = request == null ? null : request.get(McpAccessFilter.CALLER);
        if (caller == null) {
            // the access filter guards every MCP path: reaching here unauthenticated is a bug, never served
            LOG.errorf("Tool %s called without an authenticated caller", tool.name());
            return Uni.createFrom().item(ToolResponse.error("[internal] The request was not authenticated."));
        }
        if (!events.tryReserve(2)) {
            return Uni.createFrom().item(ToolResponse.error("[internal] The gateway cannot record calls right now,"
                    + " so it runs none (every call is audited).\nWhat to do: retry in a few seconds."));
        }
        var call = new Call(UUID.randomUUID(), caller, tool.name(), arguments, startedAt, startNanos,
                transport(connection), sessionId(request, connection), traceparent(request), new HostawayCallStats());
        return run(tool, call)
                .onFailure().recoverWithItem(failure -> {
                    ToolOutcome mapped = FailureMapping.toOutcome(failure);
                    if (mapped != null) {
                        return mapped;
                    }
                    LOG.errorf(failure, "Tool %s failed unexpectedly (invocation %s)", tool.name(), call.invocationId());
                    return ToolOutcome.error(ErrorType.INTERNAL,
                            "The gateway failed to run this tool (reference " + call.invocationId() + ").",
                            "Try again; if it keeps failing, contact support with the reference.", null);
                })
                .map(outcome -> capped(outcome))
                .map(outcome -> finish(call, outcome));
    }

    private Uni<ToolOutcome> run(RegisteredTool tool, Call call) {
        Optional<ToolOutcome> refusal = refusal(call.caller().organizationId());
        if (refusal.isPresent()) {
            return Uni.createFrom().item(refusal.get());
        }
        List<String> problems = tool.validate(call.arguments());
        if (!problems.isEmpty()) {
            return Uni.createFrom().item(ToolOutcome.error(ErrorType.VALIDATION,
                    "Invalid arguments: " + String.join("; ", problems) + ".",
                    "Correct the arguments named above (see the tool's inputSchema for types, ranges and formats)"
                            + " and call again.",
                    null));
        }
        OrganizationState organization = organizations.find(call.caller().organizationId()).orElseThrow();
        var context = new ToolContext(call.caller(), organization,
                hostaway.forOrganization(call.caller().organizationId(), organization, call.stats()),
                new PageCursors(cursorSecret, call.caller().organizationId(), tool.name()));
        return Uni.createFrom().deferred(() -> tool.tool().call(context, call.arguments())).map(ToolOutcome::success);
    }

    /** Why this organization may not use tools now, if it may not. */
    private Optional<ToolOutcome> refusal(UUID organizationId) {
        Optional<OrganizationState> organization = organizations.find(organizationId);
        if (organization.isEmpty()) {
            return Optional.of(ToolOutcome.refused(ErrorType.ENTITLEMENT,
                    "This API key's organization does not exist (any more).",
                    "Sign in to the HostMCP dashboard and create a new API key."));
        }
        Optional<Entitlement> entitlement = entitlements.find(organizationId);
        if (entitlement.isEmpty()) {
            return Optional.of(ToolOutcome.refused(ErrorType.ENTITLEMENT,
                    "This organization has no plan yet (its trial is being set up).",
                    "Retry in a minute; if it persists, open Billing in the HostMCP dashboard."));
        }
        Entitlement current = entitlement.get();
        if (!current.mcpAccess() || current.state() == EntitlementState.SUSPENDED
                || current.state() == EntitlementState.CANCELED) {
            String why = current.state() == EntitlementState.CANCELED ? "the subscription was canceled"
                    : current.state() == EntitlementState.SUSPENDED ? "the subscription is suspended"
                            : "access is paused (" + current.state().name().toLowerCase() + ")";
            String reason = current.reason() == null ? "" : " Reason: " + current.reason() + ".";
            return Optional.of(ToolOutcome.refused(ErrorType.ENTITLEMENT,
                    "HostMCP tools are not available for this organization: " + why + "." + reason,
                    "An owner or admin can restore access under Billing in the HostMCP dashboard (update the"
                            + " payment method or subscribe); tools work again within seconds."));
        }
        OrganizationState state = organization.get();
        if (state.hostawayStatus() == HostawayStatus.INVALID) {
            return Optional.of(ToolOutcome.refused(ErrorType.UNAUTHORIZED,
                    "Hostaway rejected this organization's credentials"
                            + (state.invalidReason() == null ? "." : " (" + state.invalidReason() + ")."),
                    "An owner or admin reconnects Hostaway with a valid API secret in the HostMCP dashboard."));
        }
        if (state.hostawayStatus() == HostawayStatus.NOT_CONNECTED || state.encryptedCredentials() == null) {
            return Optional.of(ToolOutcome.refused(ErrorType.UNAUTHORIZED,
                    "This organization has not connected a Hostaway account.",
                    "An owner or admin connects Hostaway (account id and API secret) in the HostMCP dashboard."));
        }
        return Optional.empty();
    }

    /** A success that does not fit the context budget becomes a validation error with guidance. */
    private static ToolOutcome capped(ToolOutcome outcome) {
        if (outcome.kind() != ToolOutcome.Kind.SUCCESS) {
            return outcome;
        }
        ToolResult result = outcome.result();
        int size = result.structured().toString().length() + result.text().length();
        if (size <= ResponseBudget.MAX_CHARS) {
            return outcome;
        }
        return ToolOutcome.error(ErrorType.VALIDATION, "The result is too large for the context budget (" + size
                + " characters, limit " + ResponseBudget.MAX_CHARS + ").",
                "Narrow the request: add filters, ask for fewer fields, lower limit, or page with cursor.", null);
    }

    private ToolResponse finish(Call call, ToolOutcome outcome) {
        long latencyMs = Duration.ofNanos(System.nanoTime() - call.startNanos()).toMillis();
        publish(call, outcome, latencyMs);
        Timer.builder("hostmcp.mcp.tool.calls").description("MCP tool calls by tool and outcome")
                .tag("tool", call.tool()).tag("outcome", outcome.kind().name())
                .tag("error_type", outcome.errorType() == null ? "none" : outcome.errorType().wireName())
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(System.nanoTime()
                        - call.startNanos()));
        if (outcome.kind() == ToolOutcome.Kind.SUCCESS) {
            ToolResult result = outcome.result();
            return new ToolResponse(false, List.of(new TextContent(result.text())), result.structured(), null);
        }
        return ToolResponse.error(outcome.errorText());
    }

    private void publish(Call call, ToolOutcome outcome, long latencyMs) {
        String errorMessage = outcome.message() == null ? null
                : outcome.message().length() > ERROR_MESSAGE_MAX ? outcome.message().substring(0, ERROR_MESSAGE_MAX)
                        : outcome.message();
        ObjectNode invoked = mapper.createObjectNode()
                .put("invocationId", call.invocationId().toString())
                .put("organizationId", call.caller().organizationId().toString())
                .put("keyId", call.caller().keyId().toString())
                .put("tool", call.tool());
        invoked.set("arguments", ArgumentRedaction.redact(call.arguments()));
        invoked.put("outcome", outcome.kind().name())
                .put("errorType", outcome.errorType() == null ? null : outcome.errorType().wireName())
                .put("errorMessage", errorMessage)
                .put("latencyMs", latencyMs)
                .put("hostawayStatus", call.stats().lastStatus())
                .put("hostawayCalls", call.stats().calls())
                .put("transport", call.transport())
                .put("mcpSessionId", call.sessionId())
                .put("startedAt", call.startedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode usage = mapper.createObjectNode()
                .put("invocationId", call.invocationId().toString())
                .put("organizationId", call.caller().organizationId().toString())
                .put("keyId", call.caller().keyId().toString())
                .put("tool", call.tool())
                .put("outcome", outcome.kind().name())
                .put("latencyMs", latencyMs)
                .put("occurredAt", call.startedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        events.publish(GatewayTopics.TOOL_INVOCATIONS, call.caller().organizationId(), TOOL_INVOKED, invoked,
                call.traceparent());
        events.publish(GatewayTopics.USAGE, call.caller().organizationId(), USAGE_RECORDED, usage,
                call.traceparent());
    }

    private static String transport(McpConnection connection) {
        InitialRequest initial = connection == null ? null : connection.initialRequest();
        return initial != null && initial.transport() == InitialRequest.Transport.SSE ? "SSE" : "STREAMABLE_HTTP";
    }

    private static String sessionId(RoutingContext request, McpConnection connection) {
        String header = request.request().getHeader("Mcp-Session-Id");
        if (header != null && !header.isBlank() && header.length() <= 255) {
            return header;
        }
        return connection == null ? null : connection.id();
    }

    /** The caller's W3C trace context if it sent a valid one, else a new trace for this call. */
    private static String traceparent(RoutingContext request) {
        String incoming = request.request().getHeader("traceparent");
        if (incoming != null && incoming.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return incoming;
        }
        byte[] ids = new byte[24];
        RANDOM.nextBytes(ids);
        String hex = HexFormat.of().formatHex(ids);
        return "00-" + hex.substring(0, 32) + "-" + hex.substring(32) + "-01";
    }

    /** What is known about one call while it runs. */
    private record Call(UUID invocationId, Caller caller, String tool, ObjectNode arguments, Instant startedAt,
            long startNanos, String transport, String sessionId, String traceparent, HostawayCallStats stats) {
    }

    /** A registered tool with its compiled input schema. */
    public record RegisteredTool(GatewayTool tool, InputValidator validator) {

        String name() {
            return tool.name();
        }

        List<String> validate(ObjectNode arguments) {
            return validator.problems(arguments);
        }
    }
}
