package com.hostmcp.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.hostmcp.benchmarks.McpClient.Session;
import com.hostmcp.benchmarks.Stack.Organization;
import com.hostmcp.standin.hostaway.HostawayAccount;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * Organizations a benchmark drives through the gateway, each on its own generated sandbox account, with open MCP
 * sessions, made ready the way a client would find out: the key is accepted and a first tool call is not refused
 * (keys, organizations and trial entitlements reach the gateway through Kafka).
 */
final class GatewayTenants {

    /** One organization with its sessions and the tool calls made while waiting for it (they are audited too). */
    record Tenant(Organization organization, List<Session> sessions, List<ToolCall> readinessCalls) {

        HostawayAccount account() {
            return organization.account();
        }

        UUID id() {
            return organization.id();
        }

        Session session(int index) {
            return sessions.get(Math.floorMod(index, sessions.size()));
        }
    }

    private static final int CREATION_THREADS = 6;
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    /**
     * Between attempts with a key the gateway does not know yet: every 401 uses one of the 20 failed authentications
     * (plus 20 a minute) the gateway allows one source address, so keys are probed one at a time and slowly.
     */
    private static final long UNKNOWN_KEY_PAUSE_MILLIS = 1_000;
    private static final long REFUSED_PAUSE_MILLIS = 250;

    private GatewayTenants() {
    }

    /**
     * {@code count} organizations on the generated accounts {@code firstAccount..}, {@code sessions} sessions each,
     * ready for calls.
     */
    static List<Tenant> create(Stack stack, McpClient mcp, String label, int firstAccount, int count, int sessions)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CREATION_THREADS);
        List<Organization> organizations = new ArrayList<>();
        try {
            List<Future<Organization>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HostawayAccount account = HostawaySeedAccounts.generated(firstAccount + i);
                String name = label + " " + account.accountId();
                created.add(pool.submit(() -> stack.createOrganization(name, account)));
            }
            for (Future<Organization> organization : created) {
                organizations.add(organization.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        List<Tenant> tenants = new ArrayList<>();
        for (Organization organization : organizations) {
            List<ToolCall> readinessCalls = new ArrayList<>();
            Session first = firstSession(mcp, organization, deadline);
            waitUntilServed(mcp, first, organization, readinessCalls, deadline);
            tenants.add(new Tenant(organization, new ArrayList<>(List.of(first)), readinessCalls));
        }
        // the keys are known now: the other sessions are opened all at once
        List<CompletableFuture<Session>> more = new ArrayList<>();
        for (Tenant tenant : tenants) {
            for (int i = 1; i < sessions; i++) {
                more.add(mcp.open(tenant.organization().apiKey()));
            }
        }
        int next = 0;
        for (Tenant tenant : tenants) {
            for (int i = 1; i < sessions; i++) {
                tenant.sessions().add(more.get(next++).get(1, TimeUnit.MINUTES));
            }
        }
        return tenants;
    }

    private static Session firstSession(McpClient mcp, Organization organization, long deadline) throws Exception {
        while (true) {
            try {
                return mcp.open(organization.apiKey()).get(1, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gateway did not accept the key of organization "
                            + organization.id() + " in time: " + e.getCause().getMessage());
                }
                Thread.sleep(UNKNOWN_KEY_PAUSE_MILLIS);
            }
        }
    }

    /** Until a cheap read is not refused ([entitlement] before the trial arrives, [unauthorized] before Hostaway). */
    private static void waitUntilServed(McpClient mcp, Session session, Organization organization,
            List<ToolCall> calls, long deadline) throws Exception {
        while (true) {
            ToolCall probe = mcp.call(session, "list_listings", Map.of("limit", 1)).get(1, TimeUnit.MINUTES);
            calls.add(probe);
            String problem = probe.problem();
            if (!problem.equals("entitlement") && !problem.equals("unauthorized")) {
                if (probe.outcome() != ToolCall.Outcome.OK) {
                    throw new IllegalStateException("the first call of organization " + organization.id()
                            + " failed: " + problem);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("organization " + organization.id() + " is still refused: "
                        + problem);
            }
            Thread.sleep(REFUSED_PAUSE_MILLIS);
        }
    }
}
