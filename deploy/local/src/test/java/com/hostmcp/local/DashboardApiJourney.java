package com.hostmcp.local;

import static com.hostmcp.local.DashboardApi.invalid;
import static com.hostmcp.local.DashboardApi.ok;
import static com.hostmcp.local.DashboardApi.okIn;
import static com.hostmcp.local.DashboardApi.problem;
import static com.hostmcp.local.DashboardApi.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.local.DashboardApi.Answer;
import com.hostmcp.local.KeycloakRealm.User;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * The dashboard REST API against the running stack, with bearer tokens from the real Keycloak for users created
 * through its admin API (issue 7's API requirements, end to end): every endpoint of the contract with real effects
 * (organizations, members, Hostaway, keys, usage, billing through the Stripe stand-in, Sync Now,
 * the audit log), the role rules (a member reads but cannot manage), other organizations' ids (404, never their data),
 * bad input (400 problem details naming the field, never a 500), and authentication (no, forged or expired token:
 * 401; no CSRF token needed with a bearer token).
 *
 * <p>
 * Hostaway: the stand-in's seed account {@link HostawaySeedAccounts#LARGE_ACCOUNT_ID}, read only (connect, test and
 * sync only read it; no other local-stack test writes to it, and the browser journey uses another one).
 */
final class DashboardApiJourney {

    private static final long ACCOUNT = HostawaySeedAccounts.LARGE_ACCOUNT_ID;
    private static final String SECRET = HostawaySeedAccounts.LARGE_SECRET;
    private static final int ACTIVE_LISTINGS = HostawaySeedAccounts.ACCOUNT_LARGE.listings()
            - HostawaySeedAccounts.ACCOUNT_LARGE.archivedListings();
    private static final int TOTAL_LISTINGS = HostawaySeedAccounts.ACCOUNT_LARGE.listings();
    private static final Pattern API_KEY = Pattern.compile("hmcp_[0-9A-Za-z]{28}");
    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final Duration SYNC_WITHIN = Duration.ofSeconds(60);
    /** Lifetime of the expiring token; tokens of Keycloak carry whole seconds. */
    private static final int SHORT_LIFESPAN_SECONDS = 5;

    /** Every endpoint of the contract, as {@link DashboardApi#endpoint} writes them. */
    static final Set<String> CONTRACT = Set.of("GET /api/me", "PATCH /api/organization", "GET /api/members",
            "POST /api/members", "PATCH /api/members/{id}", "DELETE /api/members/{id}", "GET /api/hostaway-connection",
            "PUT /api/hostaway-connection", "DELETE /api/hostaway-connection", "POST /api/hostaway-connection/test",
            "GET /api/keys", "POST /api/keys", "DELETE /api/keys/{id}", "POST /api/keys/{id}/regenerate",
            "GET /api/usage", "GET /api/usage/daily", "GET /api/billing", "POST /api/billing/checkout",
            "POST /api/billing/portal", "POST /api/billing/cancel", "POST /api/billing/resume",
            "GET /api/billing/invoices", "POST /api/sync-requests", "GET /api/sync-requests/{id}",
            "GET /api/sync-runs", "GET /api/audit-log");

    private final Map<String, String> state;
    private final HttpClient http;
    private final DashboardApi api;
    private final KeycloakRealm keycloak;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final List<User> users = new ArrayList<>();

    private User ownerA;
    private User ownerB;
    private User memberM;
    private String orgA;
    private String orgB;
    private String keyA;
    private String requestA;

    /**
     * @param state the stack's state.env ({@code DASHBOARD_URL}, {@code GATEWAY_URL}, {@code KEYCLOAK_URL},
     *        {@code STRIPE_API_URL})
     * @param keycloakAdminUser the Keycloak admin of the master realm (deploy/local/up makes it)
     * @param keycloakAdminPassword its password (up writes it to a file readable by its owner only)
     */
    DashboardApiJourney(Map<String, String> state, HttpClient http, String keycloakAdminUser,
            String keycloakAdminPassword) {
        this.state = state;
        this.http = http;
        this.api = new DashboardApi(http, state.get("DASHBOARD_URL"));
        this.keycloak = new KeycloakRealm(http, state.get("KEYCLOAK_URL"), "master", keycloakAdminUser,
                keycloakAdminPassword);
    }

    /** Returns how long it took; asserts on the way. */
    Duration run() throws Exception {
        long started = System.nanoTime();
        try {
            ownerA = newUser("owner-a");
            ownerB = newUser("owner-b");
            memberM = newUser("member");

            firstCallCreatesTheOrganization();
            requestsWithoutAValidTokenAre401();
            organizationRenamesWithABearerTokenAndNoCsrfToken();
            hostawayConnectionRejectsBadSecretsThenConnectsTestsDisconnectsAndReconnects();
            keysShowTheFullKeyOnlyOnCreation();
            billingChecksOutThroughStripeThenCancelsAndResumes();
            syncNowRunsAndCanBePolled();
            membersJoinByInvitationAndMembersReadButCannotManage();
            otherOrganizationsIdsAre404AndNeverTheirData();
            usageHasTheContractShape();
            auditLogSearchesFiltersAndPages();
            badInputIs400NamingTheField();
            anExpiredTokenIs401();
            openApiDescribesEveryEndpoint();

            assertThat(api.succeededEndpoints()).as("endpoints of the contract that answered with a success")
                    .containsAll(CONTRACT);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("dashboard API journey: %d endpoints with real effects, %d ms%n", CONTRACT.size(),
                    took.toMillis());
            return took;
        } finally {
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

    // ------------------------------------------------------------------------------------------------ authentication

    private void requestsWithoutAValidTokenAre401() throws Exception {
        for (String[] call : List.of(new String[] { "GET", "/api/me" }, new String[] { "GET", "/api/keys" },
                new String[] { "POST", "/api/keys" }, new String[] { "DELETE", "/api/hostaway-connection" },
                new String[] { "POST", "/api/sync-requests" }, new String[] { "GET", "/api/audit-log" })) {
            unauthorized(api.send(call[0], call[1], null, call[0].equals("POST") ? "{}" : null, Map.of()));
        }
        // as the SPA calls it: still a 401 problem, never a redirect to the sign-in page
        unauthorized(api.send("GET", "/api/me", null, null, Map.of("X-Requested-With", "JavaScript")));
        unauthorized(api.get("/api/me", "not-a-token"));

        String real = keycloak.reusedAccessToken(ownerA);
        assertThat(ok(api.get("/api/me", real)).at("/organization/id").asText()).isEqualTo(orgA);
        unauthorized(api.get("/api/me", ForgedTokens.signedByAnotherKey(real)));
        unauthorized(api.get("/api/me", ForgedTokens.unsigned(real)));
        unauthorized(api.get("/api/me", ForgedTokens.withClaim(real, "sub", UUID.randomUUID().toString())));
        unauthorized(api.get("/api/me", ForgedTokens.withClaim(real, "email", ownerB.email())));
        unauthorized(api.get("/api/me", ForgedTokens.withClaim(real, "exp", 4_102_444_800L)));
    }

    private void anExpiredTokenIs401() throws Exception {
        Map<String, String> client = keycloak.copyClientWithTokenLifespan(KeycloakRealm.CLI_CLIENT,
                SHORT_LIFESPAN_SECONDS);
        try {
            String shortLived = keycloak.accessToken(client.get("clientId"), ownerA);
            long expiresAt = ForgedTokens.claims(shortLived).path("exp").asLong();
            assertThat(ok(api.get("/api/me", shortLived)).at("/organization/id").asText())
                    .as("the short-lived token is accepted before it expires").isEqualTo(orgA);
            AtomicReference<Answer> last = new AtomicReference<>();
            await("a token past its exp refused").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .pollInSameThread().until(() -> {
                        last.set(api.get("/api/me", shortLived));
                        return last.get().status() != 200;
                    });
            assertThat(Instant.now().getEpochSecond()).as("refused only after its exp").isGreaterThanOrEqualTo(
                    expiresAt);
            unauthorized(last.get());
        } finally {
            keycloak.deleteClient(client.get("id"));
        }
    }

    // ------------------------------------------------------------------------------------- me and the organization

    private void firstCallCreatesTheOrganization() throws Exception {
        JsonNode me = ok(api.get("/api/me", keycloak.reusedAccessToken(ownerA)));
        orgA = me.at("/organization/id").asText();
        assertThat(orgA).as("%s", me).matches(UUID_TEXT);
        assertThat(me.at("/organization/role").asText()).isEqualTo("OWNER");
        assertThat(me.at("/organization/name").asText()).isNotBlank();
        assertThat(me.at("/organization/createdAt").asText()).isNotBlank();
        assertThat(me.at("/user/email").asText()).isEqualTo(ownerA.email());
        assertThat(me.at("/user/subject").asText())
                .isEqualTo(ForgedTokens.claims(keycloak.reusedAccessToken(ownerA)).path("sub")
                        .asText());
        assertThat(me.at("/user/name").asText()).isNotBlank();
        assertThat(me.path("gatewayUrl").asText()).isEqualTo(state.get("GATEWAY_URL"));
        assertThat(me.at("/onboarding/hostawayConnected").asBoolean(true)).isFalse();
        assertThat(me.at("/onboarding/activeApiKeys").asInt(-1)).isZero();
        assertThat(ok(api.get("/api/me", keycloak.reusedAccessToken(ownerA))).at("/organization/id").asText())
                .as("the second call finds the same organization").isEqualTo(orgA);

        orgB = ok(api.get("/api/me", keycloak.reusedAccessToken(ownerB))).at("/organization/id").asText();
        assertThat(orgB).matches(UUID_TEXT).isNotEqualTo(orgA);
    }

    private void organizationRenamesWithABearerTokenAndNoCsrfToken() throws Exception {
        String name = "Org A " + unique;
        // bearer requests are exempt from CSRF: no X-CSRF-Token, no cookie, even a wrong header does not matter
        JsonNode renamed = ok(api.send("PATCH", "/api/organization", keycloak.reusedAccessToken(ownerA), Map.of("name", name)));
        assertThat(renamed.path("name").asText()).isEqualTo(name);
        assertThat(renamed.path("id").asText()).isEqualTo(orgA);
        ok(api.send("PATCH", "/api/organization", keycloak.reusedAccessToken(ownerA), "{\"name\":\"" + name + "\"}",
                Map.of("X-CSRF-Token", "not-the-cookie")));
        assertThat(ok(api.get("/api/me", keycloak.reusedAccessToken(ownerA))).at("/organization/name").asText())
                .isEqualTo(name);
        ok(api.send("PATCH", "/api/organization", keycloak.reusedAccessToken(ownerB), Map.of("name", "Org B " + unique)));
    }

    // ------------------------------------------------------------------------------------------------------ Hostaway

    private void hostawayConnectionRejectsBadSecretsThenConnectsTestsDisconnectsAndReconnects() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        assertThat(ok(api.get("/api/hostaway-connection", owner)).path("status").asText()).isEqualTo("NOT_CONNECTED");

        String wrongSecret = "wrong-" + Secrets.password();
        Answer rejected = hostaway(() -> api.send("PUT", "/api/hostaway-connection", owner,
                Map.of("accountId", Long.toString(ACCOUNT), "secretKey", wrongSecret)));
        problem(rejected, 422);
        assertThat(rejected.body()).doesNotContain(wrongSecret);
        assertThat(ok(api.get("/api/hostaway-connection", owner)).path("status").asText())
                .as("nothing stored after a rejection").isEqualTo("NOT_CONNECTED");

        JsonNode connected = ok(connectHostaway(owner));
        assertThat(connected.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.path("accountId").asText()).isEqualTo(Long.toString(ACCOUNT));
        Answer status = api.get("/api/hostaway-connection", owner);
        assertThat(ok(status).path("status").asText()).isEqualTo("CONNECTED");
        assertThat(ok(status).path("connectedAt").asText()).isNotBlank();
        assertThat(status.body()).as("the secret is never shown").doesNotContain(SECRET);

        assertThat(ok(hostaway(() -> api.send("POST", "/api/hostaway-connection/test", owner, "{}", Map.of())))
                .path("status").asText()).isEqualTo("CONNECTED");

        ok(api.delete("/api/hostaway-connection", owner), 204);
        assertThat(ok(api.get("/api/hostaway-connection", owner)).path("status").asText()).isEqualTo("NOT_CONNECTED");
        problem(api.send("POST", "/api/hostaway-connection/test", owner, "{}", Map.of()), 409);

        assertThat(ok(connectHostaway(owner)).path("status").asText()).as("reconnected").isEqualTo("CONNECTED");
        assertThat(ok(api.get("/api/me", owner)).at("/onboarding/hostawayConnected").asBoolean()).isTrue();
    }

    private Answer connectHostaway(String token) {
        return hostaway(() -> api.send("PUT", "/api/hostaway-connection", token,
                Map.of("accountId", Long.toString(ACCOUNT), "secretKey", SECRET)));
    }

    /** A call that checks with Hostaway: retried after a 503 (the stand-in's rate limit), as its Retry-After says. */
    private static Answer hostaway(Supplier<Answer> call) {
        Answer answer = call.get();
        for (int attempt = 1; answer.status() == 503 && attempt < 5; attempt++) {
            problem(answer, 503);
            long seconds = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(2L);
            sleep(Duration.ofSeconds(Math.min(Math.max(seconds, 1), 10)));
            answer = call.get();
        }
        return answer;
    }

    // ------------------------------------------------------------------------------------------------------ API keys

    private void keysShowTheFullKeyOnlyOnCreation() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        assertThat(ok(api.get("/api/keys", owner))).as("no keys yet").isEmpty();

        Answer created = api.send("POST", "/api/keys", owner, Map.of("name", "ci"));
        JsonNode first = ok(created, 201);
        String firstKey = first.path("key").asText();
        assertThat(firstKey).matches(API_KEY);
        assertThat(created.headers().firstValue("Cache-Control").orElse("")).as("Cache-Control of %s", created)
                .contains("no-store");
        assertThat(first.path("displayHint").asText()).endsWith(firstKey.substring(firstKey.length() - 4))
                .doesNotContain(firstKey);
        assertThat(first.path("name").asText()).isEqualTo("ci");
        String firstId = first.path("id").asText();

        JsonNode unnamed = ok(api.send("POST", "/api/keys", owner, "{}", Map.of()), 201);
        assertThat(unnamed.path("key").asText()).matches(API_KEY).isNotEqualTo(firstKey);

        Answer regeneratedAnswer = api.send("POST", "/api/keys/" + firstId + "/regenerate", owner, null, Map.of());
        JsonNode regenerated = ok(regeneratedAnswer, 201);
        assertThat(regeneratedAnswer.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        keyA = regenerated.path("id").asText();
        assertThat(keyA).isNotEqualTo(firstId);
        assertThat(regenerated.path("key").asText()).matches(API_KEY).isNotEqualTo(firstKey);
        assertThat(regenerated.path("name").asText()).as("the replacement keeps the name").isEqualTo("ci");

        ok(api.delete("/api/keys/" + unnamed.path("id").asText(), owner), 204);

        Answer listed = api.get("/api/keys", owner);
        JsonNode keys = ok(listed);
        assertThat(keys).hasSize(3).allSatisfy(key -> {
            assertThat(key.has("key")).as("a listed key never carries the key: %s", key).isFalse();
            assertThat(key.path("displayHint").asText()).startsWith("hmcp_");
        });
        assertThat(listed.body()).doesNotContainPattern(API_KEY);
        assertThat(status(keys, firstId)).as("regenerated").isEqualTo("REVOKED");
        assertThat(status(keys, unnamed.path("id").asText())).as("revoked").isEqualTo("REVOKED");
        assertThat(status(keys, keyA)).isEqualTo("ACTIVE");
        assertThat(ok(api.get("/api/me", owner)).at("/onboarding/activeApiKeys").asInt()).isEqualTo(1);
        problem(api.delete("/api/keys/" + UUID.randomUUID(), owner), 404);
    }

    private static String status(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.path("id").asText().equals(id)) {
                return item.path("status").asText();
            }
        }
        return "(not listed)";
    }

    // ------------------------------------------------------------------------------------------------------- billing

    private void billingChecksOutThroughStripeThenCancelsAndResumes() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        // billing-service opens the account when it has consumed OrganizationCreated
        awaitTrue("the new organization's trial in /api/billing", () -> {
            Answer billing = api.get("/api/billing", owner);
            return billing.status() == 200 && "TRIAL".equals(billing.json().at("/entitlement/state").asText());
        });
        JsonNode trial = ok(api.get("/api/billing", owner));
        assertThat(trial.at("/entitlement/mcpAccess").asBoolean()).isTrue();
        assertThat(trial.path("subscription").isNull()).as("%s", trial).isTrue();
        problem(api.send("POST", "/api/billing/portal", owner, "{}", Map.of()), 409);

        JsonNode checkout = okIn(api.send("POST", "/api/billing/checkout", owner, "{}", Map.of()), 200, 201);
        String url = checkout.path("url").asText();
        assertThat(url).startsWith(state.get("STRIPE_API_URL"));
        // the "Pay" button of the Stripe stand-in's hosted checkout page
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(url + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as("paying on the stand-in's checkout page: %s", paid.body()).isIn(200, 302,
                303);
        awaitTrue("an ACTIVE subscription after the checkout", () -> {
            JsonNode billing = api.get("/api/billing", owner).json();
            return "ACTIVE".equals(billing.at("/entitlement/state").asText()) && billing.path("subscription")
                    .isObject();
        });
        problem(api.send("POST", "/api/billing/checkout", owner, "{}", Map.of()), 409);

        JsonNode portal = okIn(api.send("POST", "/api/billing/portal", owner, "{}", Map.of()), 200, 201);
        assertThat(portal.path("url").asText()).startsWith(state.get("STRIPE_API_URL"));

        JsonNode cancelled = ok(api.send("POST", "/api/billing/cancel", owner, null, Map.of()));
        assertThat(cancelled.at("/subscription/cancelAtPeriodEnd").asBoolean()).as("%s", cancelled).isTrue();
        assertThat(cancelled.at("/entitlement/state").asText()).as("access until the period end")
                .isEqualTo("ACTIVE");
        JsonNode resumed = ok(api.send("POST", "/api/billing/resume", owner, null, Map.of()));
        assertThat(resumed.at("/subscription/cancelAtPeriodEnd").asBoolean(true)).as("%s", resumed).isFalse();

        awaitTrue("the paid first invoice in /api/billing/invoices", () -> {
            JsonNode invoices = api.get("/api/billing/invoices", owner).json();
            for (JsonNode invoice : invoices) {
                if ("paid".equals(invoice.path("status").asText())) {
                    return true;
                }
            }
            return false;
        });
        JsonNode invoice = ok(api.get("/api/billing/invoices", owner)).path(0);
        assertThat(invoice.path("hostedInvoiceUrl").asText()).as("%s", invoice).startsWith("http");
        assertThat(invoice.path("invoicePdfUrl").asText()).as("%s", invoice).startsWith("http");
    }

    // ---------------------------------------------------------------------------------------------------------- sync

    private void syncNowRunsAndCanBePolled() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        JsonNode requested = ok(api.send("POST", "/api/sync-requests", owner, null, Map.of()), 202);
        requestA = requested.path("requestId").asText();
        assertThat(requestA).matches(UUID_TEXT);
        assertThat(requested.path("pollUrl").asText()).isEqualTo("/api/sync-requests/" + requestA);

        AtomicReference<JsonNode> run = new AtomicReference<>();
        await("the Sync Now run finished").atMost(SYNC_WITHIN).pollInterval(Duration.ofMillis(500))
                .pollInSameThread().until(() -> {
                    Answer poll = api.get(requested.path("pollUrl").asText(), owner);
                    if (poll.status() == 202) {
                        assertThat(poll.json().path("status").asText()).as("%s", poll).isEqualTo("QUEUED");
                        assertThat(poll.json().path("requestId").asText()).isEqualTo(requestA);
                        return false;
                    }
                    run.set(ok(poll));
                    return "FINISHED".equals(run.get().path("status").asText());
                });
        JsonNode finished = run.get();
        assertThat(finished.path("outcome").asText()).as("%s", finished).isEqualTo("SUCCEEDED");
        assertThat(finished.path("activeListings").asInt()).isEqualTo(ACTIVE_LISTINGS);
        assertThat(finished.path("totalListings").asInt()).isEqualTo(TOTAL_LISTINGS);
        assertThat(finished.path("organizationId").asText()).isEqualTo(orgA);
        assertThat(finished.path("requestIds").toString()).contains(requestA);

        JsonNode runs = ok(api.get("/api/sync-runs?limit=5", owner));
        assertThat(runs.findValuesAsText("runId")).contains(finished.path("runId").asText());
        unauthorized(api.get("/api/sync-requests/" + requestA, null));
        // an id the dashboard never issued is unknown, not "queued" forever
        problem(api.get("/api/sync-requests/" + UUID.randomUUID(), owner), 404);
    }

    // ------------------------------------------------------------------------------------------------ members, roles

    private void membersJoinByInvitationAndMembersReadButCannotManage() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        JsonNode initial = ok(api.get("/api/members", owner));
        assertThat(initial).hasSize(1);
        assertThat(initial.path(0).path("email").asText()).isEqualTo(ownerA.email());
        assertThat(initial.path(0).path("role").asText()).isEqualTo("OWNER");
        String ownerMemberId = initial.path(0).path("id").asText();

        JsonNode invited = ok(api.send("POST", "/api/members", owner,
                Map.of("email", memberM.email(), "role", "MEMBER")), 201);
        String memberId = invited.path("id").asText();
        assertThat(invited.path("joined").asBoolean(true)).isFalse();
        problem(api.send("POST", "/api/members", owner, Map.of("email", memberM.email(), "role", "MEMBER")), 409);

        // an invitation that is changed and withdrawn
        String someone = "e2e-someone-" + unique + "@example.com";
        String someoneId = ok(api.send("POST", "/api/members", owner, Map.of("email", someone, "role", "ADMIN")),
                201).path("id").asText();
        assertThat(ok(api.send("PATCH", "/api/members/" + someoneId, owner, Map.of("role", "MEMBER"))).path("role")
                .asText()).isEqualTo("MEMBER");
        ok(api.delete("/api/members/" + someoneId, owner), 204);
        assertThat(ok(api.get("/api/members", owner)).findValuesAsText("email")).doesNotContain(someone);

        // the invited person signs in for the first time and joins
        String member = keycloak.reusedAccessToken(memberM);
        JsonNode joined = ok(api.get("/api/me", member));
        assertThat(joined.at("/organization/id").asText()).as("the invited user joins A").isEqualTo(orgA);
        assertThat(joined.at("/organization/role").asText()).isEqualTo("MEMBER");
        assertThat(ok(api.get("/api/members", owner))).anySatisfy(m -> {
            assertThat(m.path("id").asText()).isEqualTo(memberId);
            assertThat(m.path("joined").asBoolean()).isTrue();
        });

        // members read everything of their organization ...
        for (String path : List.of("/api/me", "/api/members", "/api/hostaway-connection", "/api/usage",
                "/api/usage/daily?days=7", "/api/billing", "/api/billing/invoices", "/api/sync-runs",
                "/api/audit-log", "/api/sync-requests/" + requestA)) {
            Answer read = api.get(path, member);
            assertThat(read.status()).as("a member reads %s", read).isIn(200, 202);
        }
        Answer keys = api.get("/api/keys", member);
        assertThat(ok(keys).findValuesAsText("id")).contains(keyA);
        assertThat(keys.body()).doesNotContainPattern(API_KEY);

        // ... but manage nothing
        JsonNode before = snapshot(owner);
        for (Answer forbidden : List.of(
                api.send("POST", "/api/keys", member, Map.of("name", "by a member")),
                api.delete("/api/keys/" + keyA, member),
                api.send("POST", "/api/keys/" + keyA + "/regenerate", member, null, Map.of()),
                api.send("PUT", "/api/hostaway-connection", member,
                        Map.of("accountId", Long.toString(ACCOUNT), "secretKey", SECRET)),
                api.delete("/api/hostaway-connection", member),
                api.send("POST", "/api/hostaway-connection/test", member, "{}", Map.of()),
                api.send("PATCH", "/api/organization", member, Map.of("name", "Taken over")),
                api.send("POST", "/api/members", member, Map.of("email", "friend-" + unique + "@example.com",
                        "role", "OWNER")),
                api.send("PATCH", "/api/members/" + ownerMemberId, member, Map.of("role", "MEMBER")),
                api.send("POST", "/api/billing/checkout", member, "{}", Map.of()),
                api.send("POST", "/api/billing/portal", member, "{}", Map.of()),
                api.send("POST", "/api/billing/cancel", member, null, Map.of()),
                api.send("POST", "/api/billing/resume", member, null, Map.of()),
                api.send("POST", "/api/sync-requests", member, null, Map.of()))) {
            problem(forbidden, 403);
        }
        assertThat(snapshot(owner)).as("nothing changed by the member's attempts").isEqualTo(before);

        // a role change takes effect at once
        ok(api.send("PATCH", "/api/members/" + memberId, owner, Map.of("role", "ADMIN")));
        JsonNode adminKey = ok(api.send("POST", "/api/keys", member, Map.of("name", "by an admin")), 201);
        ok(api.delete("/api/keys/" + adminKey.path("id").asText(), member), 204);
        ok(api.send("PATCH", "/api/members/" + memberId, owner, Map.of("role", "MEMBER")));
        problem(api.send("POST", "/api/keys", member, Map.of("name", "a member again")), 403);

        // the last owner can neither leave nor step down
        problem(api.delete("/api/members/" + ownerMemberId, owner), 409);
        problem(api.send("PATCH", "/api/members/" + ownerMemberId, owner, Map.of("role", "MEMBER")), 409);
    }

    /** What the member's attempts must leave as it was: keys, connection, name, members, subscription. */
    private JsonNode snapshot(String owner) {
        ObjectNode snapshot = DashboardApi.JSON.createObjectNode();
        snapshot.set("keys", ok(api.get("/api/keys", owner)));
        snapshot.set("hostaway", ok(api.get("/api/hostaway-connection", owner)));
        snapshot.set("organization", ok(api.get("/api/me", owner)).path("organization"));
        snapshot.set("members", ok(api.get("/api/members", owner)));
        snapshot.set("subscription", ok(api.get("/api/billing", owner)).path("subscription"));
        return snapshot;
    }

    // ------------------------------------------------------------------------------------------ other organizations

    private void otherOrganizationsIdsAre404AndNeverTheirData() throws Exception {
        String b = keycloak.reusedAccessToken(ownerB);
        String bKeyName = "b-private-" + unique;
        JsonNode bKey = ok(api.send("POST", "/api/keys", b, Map.of("name", bKeyName)), 201);
        String bKeyId = bKey.path("id").asText();
        String bMemberEmail = "e2e-b-member-" + unique + "@example.com";
        String bMemberId = ok(api.send("POST", "/api/members", b, Map.of("email", bMemberEmail, "role", "MEMBER")),
                201).path("id").asText();
        String bOwnerMemberId = ok(api.get("/api/members", b)).path(0).path("id").asText();
        JsonNode bBefore = keysAndMembers(b);
        List<String> bData = List.of(orgB, "Org B " + unique, bKeyName, bKey.path("displayHint").asText(),
                bMemberEmail, ownerB.email());

        String a = keycloak.reusedAccessToken(ownerA);
        List<Answer> attempts = List.of(
                api.delete("/api/keys/" + bKeyId, a),
                api.send("POST", "/api/keys/" + bKeyId + "/regenerate", a, null, Map.of()),
                api.send("PATCH", "/api/members/" + bMemberId, a, Map.of("role", "OWNER")),
                api.delete("/api/members/" + bMemberId, a),
                api.send("PATCH", "/api/members/" + bOwnerMemberId, a, Map.of("role", "MEMBER")),
                api.delete("/api/members/" + bOwnerMemberId, a));
        for (Answer attempt : attempts) {
            problem(attempt, 404);
        }
        List<Answer> reads = List.of(api.get("/api/audit-log?keyId=" + bKeyId, a), api.get("/api/keys", a),
                api.get("/api/members", a), api.get("/api/audit-log?limit=200", a), api.get("/api/me", a));
        for (Answer answer : concat(attempts, reads)) {
            for (String data : bData) {
                assertThat(answer.body()).as("%s must not contain B's %s", answer, data).doesNotContain(data);
            }
        }
        assertThat(ok(reads.get(0)).path("entries")).as("A's audit log has nothing for B's key").isEmpty();

        // A's Sync Now request id from B: never A's run
        Answer foreignRequest = api.get("/api/sync-requests/" + requestA, b);
        if (foreignRequest.status() == 202) {
            assertThat(foreignRequest.json().path("runId").isMissingNode()).as("%s", foreignRequest).isTrue();
            assertThat(foreignRequest.body()).doesNotContain(orgA).doesNotContain("activeListings");
        } else {
            problem(foreignRequest, 404);
        }
        for (Answer answer : List.of(api.get("/api/keys", b), api.get("/api/members", b),
                api.get("/api/audit-log?limit=200", b), api.get("/api/sync-runs", b))) {
            assertThat(answer.body()).as("%s must not contain A's data", answer).doesNotContain(orgA)
                    .doesNotContain(keyA).doesNotContain(ownerA.email()).doesNotContain(memberM.email());
        }
        assertThat(keysAndMembers(b)).as("B's keys and members after A's attempts").isEqualTo(bBefore);
    }

    private JsonNode keysAndMembers(String token) {
        ObjectNode both = DashboardApi.JSON.createObjectNode();
        both.set("keys", ok(api.get("/api/keys", token)));
        both.set("members", ok(api.get("/api/members", token)));
        return both;
    }

    private static List<Answer> concat(List<Answer> first, List<Answer> second) {
        List<Answer> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    // --------------------------------------------------------------------------------------------------------- usage

    private void usageHasTheContractShape() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        JsonNode usage = ok(api.get("/api/usage", owner));
        assertThat(usage.at("/summary/requests").isIntegralNumber()).as("%s", usage).isTrue();
        assertThat(usage.at("/summary/month").asText()).isNotBlank();
        assertThat(usage.at("/summary/tools").isArray()).isTrue();
        assertThat(usage.at("/daily/series")).hasSize(30);
        assertThat(usage.path("projectedBill").isObject()).as("projected bill with a subscription: %s", usage)
                .isTrue();
        assertThat(usage.at("/projectedBill/quantity").asLong()).isPositive();
        assertThat(usage.at("/projectedBill/amount").asLong()).isEqualTo(usage.at("/projectedBill/quantity")
                .asLong() * usage.at("/projectedBill/unitAmount").asLong());
        awaitTrue("the synced listing count in /api/usage", () -> api.get("/api/usage", owner).json()
                .path("listingCount").asInt(-1) == ACTIVE_LISTINGS);

        assertThat(ok(api.get("/api/usage/daily?days=7", owner)).path("series")).hasSize(7);
        JsonNode oneTool = ok(api.get("/api/usage/daily?days=1&tool=list_listings", owner));
        assertThat(oneTool.path("series")).hasSize(1);
        assertThat(oneTool.path("tool").asText()).isEqualTo("list_listings");
    }

    // ----------------------------------------------------------------------------------------------------- audit log

    private void auditLogSearchesFiltersAndPages() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        List<String> expected = List.of("OrganizationCreated", "OrganizationRenamed",
                "HostawayCredentialsConnected", "HostawayCredentialsDisconnected", "ApiKeyCreated", "ApiKeyRevoked",
                "MemberAdded", "MemberRoleChanged", "MemberRemoved");
        awaitTrue("the organization's domain events in /api/audit-log", () -> {
            List<String> actions = api.get("/api/audit-log?kind=DOMAIN_EVENT&limit=200", owner).json()
                    .path("entries").findValuesAsText("action");
            return expected.stream().allMatch(type -> actions.stream().anyMatch(action -> action.contains(type)));
        });

        String created = "com.hostmcp.tenant.ApiKeyCreated.v1";
        JsonNode filtered = ok(api.get("/api/audit-log?action=" + created, owner)).path("entries");
        assertThat(filtered).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(entry -> assertThat(entry.path("action").asText()).isEqualTo(created));

        JsonNode first = ok(api.get("/api/audit-log?limit=1", owner));
        assertThat(first.path("entries")).hasSize(1);
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        JsonNode second = ok(api.get("/api/audit-log?limit=1&cursor=" + encode(cursor), owner));
        assertThat(second.path("entries")).hasSize(1);
        assertThat(second.at("/entries/0/id").asText()).isNotEqualTo(first.at("/entries/0/id").asText());
        assertThat(Instant.parse(second.at("/entries/0/occurredAt").asText()))
                .isBeforeOrEqualTo(Instant.parse(first.at("/entries/0/occurredAt").asText()));

        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(ok(api.get("/api/audit-log?from=" + tomorrow, owner)).path("entries")).isEmpty();
        ok(api.get("/api/audit-log?kind=TOOL_CALL&outcome=SUCCESS&tool=list_listings&keyId=" + keyA + "&to="
                + tomorrow, owner));
    }

    // ----------------------------------------------------------------------------------------------------- bad input

    private void badInputIs400NamingTheField() throws Exception {
        String owner = keycloak.reusedAccessToken(ownerA);
        String tooLong = "x".repeat(101);

        // bodies: malformed, wrong types, values out of range
        for (String malformed : List.of("{\"name\":", "not json", "")) {
            problem(api.send("PATCH", "/api/organization", owner, malformed, Map.of()), 400);
        }
        Answer textPlain = api.send("PATCH", "/api/organization", owner, "name=x", Map.of("Content-Type",
                "text/plain"));
        problem(textPlain, textPlain.status() == 415 ? 415 : 400);
        invalid(api.send("PATCH", "/api/organization", owner, Map.of("name", tooLong)), "name");
        invalid(api.send("PATCH", "/api/organization", owner, Map.of("name", "   ")), "name");
        invalid(api.send("PATCH", "/api/organization", owner, Map.of("name", List.of("a"))), "name");
        invalid(api.send("PUT", "/api/hostaway-connection", owner, Map.of("accountId", "abc", "secretKey", "x")),
                "accountId");
        invalid(api.send("PUT", "/api/hostaway-connection", owner, Map.of("accountId", Map.of("a", 1),
                "secretKey", "x")), "accountId");
        invalid(api.send("PUT", "/api/hostaway-connection", owner, Map.of("accountId", Long.toString(ACCOUNT))),
                "secretKey");
        invalid(api.send("POST", "/api/keys", owner, Map.of("name", tooLong)), "name");
        invalid(api.send("POST", "/api/keys", owner, Map.of("name", Map.of("x", 1))), "name");
        invalid(api.send("POST", "/api/members", owner, Map.of("email", "not-an-email", "role", "MEMBER")),
                "email");
        invalid(api.send("POST", "/api/members", owner, Map.of("email", "k-" + unique + "@example.com", "role",
                "KING")), "role");
        invalid(api.send("PATCH", "/api/members/" + UUID.randomUUID(), owner, Map.of("role", List.of("ADMIN"))),
                "role");

        // ids in paths
        invalid(api.delete("/api/keys/not-a-uuid", owner), "keyId");
        invalid(api.send("POST", "/api/keys/12345/regenerate", owner, null, Map.of()), "keyId");
        invalid(api.send("PATCH", "/api/members/not-a-uuid", owner, Map.of("role", "ADMIN")), "memberId");
        invalid(api.delete("/api/members/1", owner), "memberId");
        invalid(api.get("/api/sync-requests/not-a-uuid", owner), "requestId");

        // query parameters
        for (String days : List.of("0", "91", "abc")) {
            invalid(api.get("/api/usage/daily?days=" + days, owner), "days");
        }
        for (String limit : List.of("0", "101", "abc")) {
            invalid(api.get("/api/sync-runs?limit=" + limit, owner), "limit");
        }
        invalid(api.get("/api/audit-log?outcome=MAYBE", owner), "outcome");
        invalid(api.get("/api/audit-log?kind=EVERYTHING", owner), "kind");
        invalid(api.get("/api/audit-log?limit=0", owner), "limit");
        invalid(api.get("/api/audit-log?limit=lots", owner), "limit");
        invalid(api.get("/api/audit-log?from=yesterday", owner), "from");
        invalid(api.get("/api/audit-log?keyId=abc", owner), "keyId");
        // well-formed but not one of ours, and not even well-formed
        invalid(api.get("/api/audit-log?cursor=" + "z".repeat(40), owner), "cursor");
        invalid(api.get("/api/audit-log?cursor=" + encode("not a cursor!"), owner), "cursor");
    }

    // ------------------------------------------------------------------------------------------------------- OpenAPI

    private void openApiDescribesEveryEndpoint() throws Exception {
        Answer answer = api.send("GET", "/q/openapi?format=json", null, null, Map.of());
        JsonNode paths = ok(answer).path("paths");
        Set<String> described = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                described.add(operation.getKey().toUpperCase(Locale.ROOT) + " "
                        + path.getKey().replaceAll("\\{[^}]+}", "{id}"));
            }
        }
        assertThat(described).as("operations in /q/openapi").containsAll(CONTRACT);
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private User newUser(String label) throws IOException, InterruptedException {
        User user = keycloak.createUser(label);
        users.add(user);
        return user;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, Callable<Boolean> condition) {
        await(what).atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).pollInSameThread().until(condition);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
