package com.hostmcp.local;

import static com.hostmcp.local.DashboardApi.ok;
import static com.hostmcp.local.DashboardApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.local.DashboardApi.Answer;
import com.hostmcp.local.KeycloakRealm.User;

/**
 * A hundred organizations through the dashboard API with real Keycloak tokens (issue 9, cross-tenant): each one, made
 * by its owner's first /api/me, creates an API key, invites a member and asks for a sync; then each tries the next
 * organization's key, member and sync request ids on every endpoint that takes an id, and reads every list. Every
 * attempt is a 404 problem, every list holds its own data only, never the other organization's ids or names, and
 * nothing of the other organization changed: its keys and members are as they were and its key still works at the
 * gateway.
 */
final class CrossTenantJourney {

    private static final int ORGANIZATIONS = 100;
    /** Small: the stack, Keycloak's password hashing and this test share two cores. */
    private static final int THREADS = 4;
    private static final Duration KEY_AT_THE_GATEWAY = Duration.ofSeconds(60);

    private final DashboardApi api;
    private final KeycloakRealm keycloak;
    private final HttpClient http;
    private final String gatewayUrl;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final List<User> users = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** One organization as its owner set it up, and the names and ids no other organization may see. */
    private record Organization(User owner, String id, String keyId, String apiKey, String keyName,
            String keyHint, String invitedId, String invitedEmail, String ownerMemberId, String requestId,
            JsonNode keysAndMembers) {

        List<String> privateData() {
            return List.of(id, keyId, keyName, keyHint, invitedId, invitedEmail, ownerMemberId, owner.email());
        }
    }

    /**
     * @param state the stack's state.env ({@code DASHBOARD_URL}, {@code GATEWAY_URL}, {@code KEYCLOAK_URL})
     * @param keycloakAdminUser the Keycloak admin of the master realm
     * @param keycloakAdminPassword its password
     */
    CrossTenantJourney(Map<String, String> state, HttpClient http, String keycloakAdminUser,
            String keycloakAdminPassword) {
        this.http = http;
        this.gatewayUrl = state.get("GATEWAY_URL");
        this.api = new DashboardApi(http, state.get("DASHBOARD_URL"));
        this.keycloak = new KeycloakRealm(http, state.get("KEYCLOAK_URL"), "master", keycloakAdminUser,
                keycloakAdminPassword);
    }

    /** Returns how long it took; asserts on the way. */
    Duration run() throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Organization> organizations = inParallel(pool, this::setUp);
            List<List<String>> leaks = inParallel(pool, i -> intrude(organizations.get(i),
                    organizations.get((i + 1) % ORGANIZATIONS)));
            assertThat(leaks.stream().flatMap(List::stream).toList())
                    .as("answers to another organization's ids that showed or changed its data").isEmpty();
            inParallel(pool, i -> unchanged(organizations.get(i)));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("cross-tenant journey: %d organizations, %d dashboard and gateway calls, 0 leaks, %d ms%n",
                    ORGANIZATIONS, calls.get(), took.toMillis());
            return took;
        } finally {
            pool.shutdownNow();
            for (User user : users) {
                try {
                    keycloak.deleteUser(user);
                } catch (IOException | RuntimeException e) {
                    // cleanup only: must not hide the journey's own failure
                    System.err.println("WARNING: cannot delete Keycloak user " + user + ": " + e);
                }
            }
        }
    }

    /** A Keycloak user whose first /api/me makes the organization; a key, an invitation, a sync request. */
    private Organization setUp(int index) throws IOException, InterruptedException {
        User owner = keycloak.createUser("xt-" + index);
        synchronized (users) {
            users.add(owner);
        }
        String token = keycloak.reusedAccessToken(owner);
        String id = ok(call(api.get("/api/me", token))).at("/organization/id").asText();
        String keyName = "xt-key-" + unique + "-" + index;
        JsonNode key = ok(call(api.send("POST", "/api/keys", token, Map.of("name", keyName))), 201);
        String invitedEmail = "xt-invited-" + unique + "-" + index + "@example.com";
        String invitedId = ok(call(api.send("POST", "/api/members", token, Map.of("email", invitedEmail, "role",
                "MEMBER"))), 201).path("id").asText();
        String requestId = ok(call(api.send("POST", "/api/sync-requests", token, null)), 202).path("requestId")
                .asText();
        JsonNode members = ok(call(api.get("/api/members", token)));
        String ownerMemberId = "";
        for (JsonNode member : members) {
            if ("OWNER".equals(member.path("role").asText())) {
                ownerMemberId = member.path("id").asText();
            }
        }
        assertThat(ownerMemberId).as("the owner in %s", members).isNotBlank();
        return new Organization(owner, id, key.path("id").asText(), key.path("key").asText(), keyName,
                key.path("displayHint").asText(), invitedId, invitedEmail, ownerMemberId, requestId,
                keysAndMembers(token));
    }

    /** The intruder's answers to the victim's ids: what was not a 404 problem, or showed the victim's data. */
    private List<String> intrude(Organization intruder, Organization victim) throws IOException, InterruptedException {
        String token = keycloak.reusedAccessToken(intruder.owner());
        List<Answer> attempts = List.of(
                api.delete("/api/keys/" + victim.keyId(), token),
                api.send("POST", "/api/keys/" + victim.keyId() + "/regenerate", token, null),
                api.send("PATCH", "/api/members/" + victim.invitedId(), token, Map.of("role", "OWNER")),
                api.delete("/api/members/" + victim.invitedId(), token),
                api.send("PATCH", "/api/members/" + victim.ownerMemberId(), token, Map.of("role", "MEMBER")),
                api.delete("/api/members/" + victim.ownerMemberId(), token));
        Answer foreignRequest = api.get("/api/sync-requests/" + victim.requestId(), token);
        Answer auditOfTheirKey = api.get("/api/audit-log?keyId=" + victim.keyId(), token);
        List<Answer> lists = List.of(auditOfTheirKey, api.get("/api/keys", token), api.get("/api/members", token),
                api.get("/api/me", token), api.get("/api/audit-log?limit=200", token),
                api.get("/api/sync-runs", token), api.get("/api/usage/daily?days=1", token));
        calls.addAndGet(attempts.size() + 1 + lists.size());

        List<String> problems = new ArrayList<>();
        for (Answer attempt : attempts) {
            try {
                problem(attempt, 404);
            } catch (AssertionError e) {
                problems.add("not a 404 problem: " + attempt);
            }
        }
        if (foreignRequest.status() == 202) {
            if (!foreignRequest.json().path("runId").isMissingNode()) {
                problems.add("another organization's sync run: " + foreignRequest);
            }
        } else if (foreignRequest.status() != 404) {
            problems.add("neither 202 QUEUED nor 404: " + foreignRequest);
        }
        for (Answer list : lists) {
            if (list.status() != 200) {
                problems.add("a list of its own failed: " + list);
            }
        }
        if (!auditOfTheirKey.json().path("entries").isEmpty()) {
            problems.add("audit entries of another organization's key: " + auditOfTheirKey);
        }
        List<Answer> all = new ArrayList<>(attempts);
        all.add(foreignRequest);
        all.addAll(lists);
        for (Answer answer : all) {
            String shown = withoutInstance(answer);
            for (String data : victim.privateData()) {
                if (shown.contains(data)) {
                    problems.add(answer.method() + " " + answer.path() + " shows the other organization's " + data);
                }
            }
        }
        return problems;
    }

    /** The organization's keys and members are as before, and its key still opens a session at the gateway. */
    private Void unchanged(Organization organization) throws IOException, InterruptedException {
        assertThat(keysAndMembers(keycloak.reusedAccessToken(organization.owner())))
                .as("keys and members of %s after the others' attempts",
                        organization.id())
                .isEqualTo(organization.keysAndMembers());
        long deadline = System.nanoTime() + KEY_AT_THE_GATEWAY.toNanos();
        while (true) {
            try {
                List<String> tools = new McpSession(http, gatewayUrl, organization.apiKey()).listTools();
                calls.addAndGet(2);
                assertThat(tools).as("tools/list with the key of %s", organization.id()).isNotEmpty();
                return null;
            } catch (IllegalStateException notYet) {
                // the key may still be on its way to the gateway (401, then 429 for the address): retry
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** The body without a problem's {@code instance}: the request's own path, with the id the intruder sent. */
    private static String withoutInstance(Answer answer) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return answer.body();
        }
        ObjectNode problem = (ObjectNode) answer.json();
        problem.remove("instance");
        return problem.toString();
    }

    private JsonNode keysAndMembers(String token) {
        ObjectNode both = DashboardApi.JSON.createObjectNode();
        both.set("keys", ok(call(api.get("/api/keys", token))));
        both.set("members", ok(call(api.get("/api/members", token))));
        return both;
    }

    private Answer call(Answer answer) {
        calls.incrementAndGet();
        return answer;
    }

    private interface Task<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> inParallel(ExecutorService pool, Task<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.run(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(5, TimeUnit.MINUTES));
        }
        return results;
    }
}
