package com.hostmcp.benchmarks.propagation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.benchmarks.Benchmark;
import com.hostmcp.benchmarks.Latencies;
import com.hostmcp.benchmarks.McpClient;
import com.hostmcp.benchmarks.Polling;
import com.hostmcp.benchmarks.Report;
import com.hostmcp.benchmarks.Stack;
import com.hostmcp.benchmarks.Stack.Organization;
import com.hostmcp.benchmarks.ToolCall;
import com.hostmcp.benchmarks.sync.SyncNow;
import com.hostmcp.standin.hostaway.HostawayAccount;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * How fast a change reaches the place where it matters, through the running services only (issue 9, "Benchmarks"):
 * (a) an API key revoked in tenant-service until the gateway's first 401; (b) Stripe's {@code invoice.payment_failed}
 * until the gateway's first {@code [entitlement]} refusal; (c) {@code invoice.paid} until the first successful tool
 * call; (d) a new listing plus Sync Now until the Stripe subscription's quantity changed. Repeated trials on one
 * organization with its own sandbox account (generated account 500, away from the load benchmark's 0..99).
 */
public final class PropagationBenchmark implements Benchmark {

    private static final String ID = "propagation";
    private static final int ACCOUNT_INDEX = 500;
    private static final String TARGET = "< 1000 ms";
    /** Polls of the gateway: 10 ms apart, so a trial of ~0.5 s stays within a key's burst of 60 requests. */
    private static final Duration GATEWAY_POLL = Duration.ofMillis(10);
    private static final Duration STRIPE_POLL = Duration.ofMillis(20);
    /** Stripe objects carry whole seconds: billing orders webhooks by them, so each change gets a second of its own. */
    private static final Duration STRIPE_SECOND = Duration.ofMillis(1100);
    private static final Duration SETUP_WITHIN = Duration.ofSeconds(60);
    private static final Duration TRIAL_WITHIN = Duration.ofSeconds(30);
    /** get_listing with a listing id of the wrong type: the gateway refuses it before calling Hostaway. */
    private static final Map<String, Object> INVALID_ARGUMENTS = Map.of("listingId", "not-a-number");

    private final int trials;

    public PropagationBenchmark() {
        this(Integer.parseInt(System.getenv().getOrDefault("BENCH_PROPAGATION_TRIALS", "10")));
    }

    PropagationBenchmark(int trials) {
        this.trials = trials;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "propagation: key revocation, payment failed/paid, listing count -> Stripe quantity (" + trials
                + " trials each)";
    }

    @Override
    public void run(Stack stack, Report report) throws Exception {
        HostawayAccount account = HostawaySeedAccounts.generated(ACCOUNT_INDEX);
        Organization organization = stack.createOrganization("Propagation benchmark", account);
        String billing = stack.billingUrl() + "/internal/organizations/" + organization.id() + "/billing";
        int active = account.listings() - account.archivedListings();
        Polling.await("billing records the trial and the " + active + " synced active listings", SETUP_WITHIN,
                () -> {
                    JsonNode status = getOrMissing(stack, billing);
                    return "TRIAL".equals(status.at("/entitlement/state").asText())
                            && status.at("/listingCount/activeListings").asInt(-1) == active;
                });
        String subscription = subscribe(stack, organization, billing);

        revocations(stack, report, organization);
        payments(stack, report, organization, subscription);
        listingCounts(stack, report, organization, subscription);
    }

    // ------------------------------------------------------------------------------------------------- (a) revocation

    private void revocations(Stack stack, Report report, Organization organization) throws Exception {
        String keys = stack.tenantUrl() + "/internal/organizations/" + organization.id() + "/api-keys";
        Latencies firstUnauthorized = new Latencies();
        int limited = 0;
        for (int i = 0; i < trials; i++) {
            JsonNode key = stack.send("POST", keys, organization.owner(), Map.of("name", "revoked-" + i), 201);
            GatewaySession mcp = openSession(stack, key.path("key").asText());
            long start = System.nanoTime();
            stack.send("DELETE", keys + "/" + key.path("id").asText(), organization.owner(), null, 204);
            int status;
            do {
                Thread.sleep(GATEWAY_POLL.toMillis());
                status = mcp.ping();
                limited += status == 429 ? 1 : 0;
                Polling.within(start, TRIAL_WITHIN, "the gateway still accepts a revoked key");
            } while (status != 401);
            firstUnauthorized.record(System.nanoTime() - start);
        }
        report.row(ID, "(a) key revoked (tenant-service) -> first 401 at the gateway", summary(firstUnauthorized),
                TARGET);
        report.row(ID, "(a) inbound 429s while polling the revoked keys", Integer.toString(limited), "0");
    }

    /** A session with a key just issued: the gateway learns it from Kafka, so wait before the first use. */
    private static GatewaySession openSession(Stack stack, String apiKey) throws Exception {
        // every 401 of an unknown key uses up the address's allowance of failed authentications: few, spaced tries
        String refusal = "";
        for (int attempt = 0; attempt < 10; attempt++) {
            Thread.sleep(attempt == 0 ? 800 : 1000);
            try {
                GatewaySession mcp = GatewaySession.open(stack, apiKey);
                int ping = mcp.ping();
                if (ping == 200) {
                    return mcp;
                }
                refusal = "ping answered " + ping;
            } catch (IllegalStateException | CompletionException notYet) {
                refusal = notYet.getMessage();
            }
        }
        throw new IllegalStateException("the gateway does not accept a new key after 10 tries: " + refusal);
    }

    // ------------------------------------------------------------------------------------------ (b), (c) payments

    private void payments(Stack stack, Report report, Organization organization, String subscription)
            throws Exception {
        long listing = organization.account().accountId() * 10_000 + 1;
        Map<String, Object> realCall = Map.of("listingId", listing);
        // (b) polls with one key, (c) with another: each key's inbound bucket (60 burst) refills while the other polls
        GatewaySession failing = GatewaySession.open(stack, organization.apiKey());
        String secondKey = stack.send("POST", stack.tenantUrl() + "/internal/organizations/" + organization.id()
                + "/api-keys", organization.owner(), Map.of("name", "payments"), 201).path("key").asText();
        GatewaySession paying = openSession(stack, secondKey);
        ToolCall first = paying.callTool("get_listing", realCall);
        if (first.status() != 200 || first.text().startsWith("[")) {
            throw new IllegalStateException("a tool call of the active organization failed: " + first);
        }
        Latencies refused = new Latencies();
        Latencies restored = new Latencies();
        int limited = 0;
        for (int i = 0; i < trials; i++) {
            Thread.sleep(STRIPE_SECOND.toMillis());
            long start = System.nanoTime();
            simulate(stack, subscription, "fail-payment");
            ToolCall answer;
            do {
                Thread.sleep(GATEWAY_POLL.toMillis());
                answer = failing.callTool("get_listing", INVALID_ARGUMENTS);
                limited += answer.status() == 429 ? 1 : 0;
                Polling.within(start, TRIAL_WITHIN, "no [entitlement] refusal after invoice.payment_failed");
            } while (!answer.text().startsWith("[entitlement]"));
            refused.record(System.nanoTime() - start);

            Thread.sleep(STRIPE_SECOND.toMillis());
            start = System.nanoTime();
            simulate(stack, subscription, "succeed-payment");
            do {
                Thread.sleep(GATEWAY_POLL.toMillis());
                answer = paying.callTool("get_listing", realCall);
                limited += answer.status() == 429 ? 1 : 0;
                Polling.within(start, TRIAL_WITHIN, "still refused after invoice.paid");
            } while (answer.status() != 200 || answer.text().startsWith("["));
            restored.record(System.nanoTime() - start);
        }
        report.row(ID, "(b) invoice.payment_failed -> first [entitlement] refusal", summary(refused), TARGET);
        report.row(ID, "(c) invoice.paid -> first successful tool call", summary(restored), TARGET);
        report.row(ID, "(b, c) inbound 429s while polling", Integer.toString(limited), "0");
        report.note(ID, "(b) polls get_listing with an argument of the wrong type: the answer is [validation] while the"
                + " organization has access and [entitlement] once refused, without a Hostaway call per poll; (c) polls"
                + " a real get_listing (refusals never reach Hostaway). Times from the Stripe stand-in's simulate call"
                + " (it sends the signed webhook) to the gateway's answer.");
    }

    // ------------------------------------------------------------------------------------- (d) listing count

    private void listingCounts(Stack stack, Report report, Organization organization, String subscription)
            throws Exception {
        HostawayAccount account = organization.account();
        String syncRequests = stack.syncUrl() + "/internal/organizations/" + organization.id() + "/sync-requests/";
        Latencies total = new Latencies();
        Latencies afterRun = new Latencies();
        Latencies runs = new Latencies();
        try (SyncNow syncNow = new SyncNow(stack)) {
            for (int i = 0; i < trials; i++) {
                int before = stripeQuantity(stack, subscription);
                addListing(stack, account, i);
                long start = System.nanoTime();
                UUID request = syncNow.request(organization.id());
                while (stripeQuantity(stack, subscription) != before + 1) {
                    Thread.sleep(STRIPE_POLL.toMillis());
                    Polling.within(start, TRIAL_WITHIN, "the Stripe quantity did not follow the new listing");
                }
                Instant changed = Instant.now();
                total.record(System.nanoTime() - start);
                JsonNode run = stack.send("GET", syncRequests + request, organization.owner(), null, 200);
                Instant finished = Instant.parse(run.path("finishedAt").asText());
                afterRun.record(Math.max(0, Duration.between(finished, changed).toNanos()));
                runs.record(Duration.ofMillis(run.path("durationMs").asLong()).toNanos());
            }
        }
        report.row(ID, "(d) new listing + Sync Now -> Stripe quantity updated", summary(total), TARGET);
        report.row(ID, "(d) of which the sync run itself (sync-service durationMs)", summary(runs));
        report.row(ID, "(d) sync run finished -> Stripe quantity updated", summary(afterRun), TARGET);
        report.note(ID, "(d) includes by design Sync Now's coalesce window (2 s, sync.requests.coalesce-window), the"
                + " token activation delay (1 s) and the shared Hostaway limiter before the count; the part after the"
                + " run (outbox relay, billing-service, Stripe) is the propagation proper.");
    }

    private static void addListing(Stack stack, HostawayAccount account, int n) throws Exception {
        ObjectNode listing = Stack.JSON.createObjectNode().put("name", "Propagation loft " + n)
                .put("externalListingName", "Propagation loft").put("city", "Lisbon").put("countryCode", "PT")
                .put("price", 120).put("currencyCode", "EUR").put("personCapacity", 2);
        HttpResponse<String> response = stack.http().send(HttpRequest.newBuilder(URI.create(stack.hostawayUrl()
                + "/v1/listings")).header("Authorization", "Bearer " + stack.hostawayToken(account))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(listing
                        .toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!"success".equals(Stack.JSON.readTree(response.body()).path("status").asText())) {
            throw new IllegalStateException("the Hostaway stand-in did not add a listing: " + response.body());
        }
    }

    // ------------------------------------------------------------------------------------------------- Stripe

    /** Checkout on the Stripe stand-in as the user would pay it; answers the subscription id once ACTIVE. */
    private static String subscribe(Stack stack, Organization organization, String billing) throws Exception {
        JsonNode checkout = stack.send("POST", billing + "/checkout-sessions", organization.owner(),
                Map.of("successUrl", stack.dashboardUrl() + "/billing?done", "cancelUrl", stack.dashboardUrl()
                        + "/billing"),
                201);
        HttpResponse<String> paid = stack.http().send(HttpRequest.newBuilder(URI.create(checkout.path("url").asText()
                + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (paid.statusCode() >= 400) {
            throw new IllegalStateException("paying on the Stripe stand-in failed: " + paid.statusCode());
        }
        Polling.await("the checkout makes the organization ACTIVE with a subscription", SETUP_WITHIN, () -> {
            JsonNode status = getOrMissing(stack, billing);
            return "ACTIVE".equals(status.at("/entitlement/state").asText())
                    && status.at("/subscription/id").isTextual();
        });
        return getOrMissing(stack, billing).at("/subscription/id").asText();
    }

    private static void simulate(Stack stack, String subscription, String action) throws Exception {
        HttpResponse<String> response = stack.http().send(HttpRequest.newBuilder(URI.create(stack.stripeUrl()
                + "/_simulate/subscriptions/" + subscription + "/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(action + " on the Stripe stand-in answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private static int stripeQuantity(Stack stack, String subscription) throws Exception {
        HttpResponse<String> response = stack.http().send(HttpRequest.newBuilder(URI.create(stack.stripeUrl()
                + "/v1/subscriptions/" + subscription)).header("Authorization", "Bearer " + Stack.STRIPE_STAND_IN_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        return Stack.JSON.readTree(response.body()).at("/items/data/0/quantity").asInt(-1);
    }

    /** The JSON of a 200 answer, or a missing node for any other status (not there yet). */
    private static JsonNode getOrMissing(Stack stack, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = stack.http().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + stack.serviceToken()).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Stack.JSON.readTree(response.body()) : Stack.JSON.missingNode();
    }

    private static String summary(Latencies latencies) {
        return "p50 " + Latencies.millis(latencies.percentile(50)) + ", max " + Latencies.millis(latencies.max())
                + " (n=" + latencies.count() + ")";
    }

    /** One session of the benchmarks' MCP client, used one request at a time. */
    private record GatewaySession(McpClient client, McpClient.Session session) {

        static GatewaySession open(Stack stack, String apiKey) {
            McpClient client = new McpClient(McpClient.http11(), stack.gatewayUrl());
            return new GatewaySession(client, client.open(apiKey).join());
        }

        int ping() {
            return client.ping(session).join();
        }

        ToolCall callTool(String tool, Map<String, Object> arguments) {
            return client.call(session, tool, arguments).join();
        }
    }
}
