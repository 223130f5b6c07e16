package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayAuthenticationTest extends UnthrottledStandInTest {

    private static void assertForbidden(HostawayTestClient.Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("status").asText()).isEqualTo("fail");
        assertThat(response.json().get("result").isTextual()).isTrue();
    }

    @Test
    void validClientCredentialsGetABearerTokenShapedLikeHostaways() throws Exception {
        HostawayTestClient.Response response = client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID,
                HostawaySeedAccounts.SMALL_SECRET);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.fieldNames()).toIterable().containsExactly("token_type", "expires_in", "access_token");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(15_897_600L);
        String[] parts = body.get("access_token").asText().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode payload = HostawayTestClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload.get("aud").asText()).isEqualTo("10001");
        assertThat(payload.get("scopes").get(0).asText()).isEqualTo("general");
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(15_897_600L);
    }

    @Test
    void aWrongSecretIsRefusedWith403AndTheFailEnvelope() {
        assertForbidden(client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID, "not-the-secret"));
        // another account's secret does not work either
        assertForbidden(client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID, HostawaySeedAccounts.MEDIUM_SECRET));
    }

    @Test
    void anUnknownAccountMissingFieldsOrAWrongGrantTypeAreRefused() {
        assertForbidden(client.requestToken(99_999L, HostawaySeedAccounts.SMALL_SECRET));
        assertForbidden(client.requestToken(HostawayTestClient.form(Map.of("grant_type", "client_credentials",
                "client_id", "10001", "client_secret", HostawaySeedAccounts.SMALL_SECRET))));
        assertForbidden(client.requestToken(HostawayTestClient.form(Map.of("grant_type", "password", "client_id",
                "10001", "client_secret", HostawaySeedAccounts.SMALL_SECRET, "scope", "general"))));
        assertForbidden(client.requestToken(""));
    }

    @Test
    void aRequestWithoutATokenGets403() {
        assertForbidden(client.get(null, "/v1/listings"));
    }

    @Test
    void aRequestWithABogusOrNonBearerTokenGets403() {
        assertForbidden(client.get("bogus.token.value", "/v1/listings"));
        assertForbidden(client.get("", "/v1/listings"));
        String valid = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        assertThat(client.get(valid, "/v1/listings").status()).isEqualTo(200);
        assertForbidden(client.get(valid + "x", "/v1/listings"));
    }

    @Test
    void revokedTokensGet403AndANewTokenWorks() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);
        String otherAccount = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);

        standIn.revokeTokens(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID);

        assertForbidden(client.get(token, "/v1/listings"));
        assertThat(client.get(otherAccount, "/v1/listings").status()).isEqualTo(200);
        assertThat(client.get(client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM), "/v1/listings").status())
                .isEqualTo(200);
    }

    @Test
    void deletingAnAccessTokenRevokesIt() {
        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);

        HostawayTestClient.Response revoke = client.send("DELETE", null,
                "/v1/accessTokens?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null);

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.json().toString()).isEqualTo("{\"status\":\"success\",\"result\":[]}");
        assertForbidden(client.get(token, "/v1/listings"));
    }

    @Test
    void afterASecretRotationOnlyTheNewSecretIssuesTokens() {
        String before = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);

        standIn.rotateSecret(HostawaySeedAccounts.SMALL_ACCOUNT_ID, "standin-secret-10001-rotated");

        assertForbidden(client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID, HostawaySeedAccounts.SMALL_SECRET));
        assertThat(client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID, "standin-secret-10001-rotated").status())
                .isEqualTo(200);
        assertThat(client.get(before, "/v1/listings").status()).isEqualTo(200);
        assertThat(standIn.accounts()).filteredOn(a -> a.accountId() == HostawaySeedAccounts.SMALL_ACCOUNT_ID)
                .singleElement().extracting(HostawayAccount::secret).isEqualTo("standin-secret-10001-rotated");

        standIn.reset();
        assertThat(client.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID, HostawaySeedAccounts.SMALL_SECRET)
                .status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenGets403() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (HostawayStandIn shortLived = HostawayStandIn
                .start(HostawayStandInOptions.defaults().withTokenTtlSeconds(60).withClock(clock))) {
            HostawayTestClient c = new HostawayTestClient(shortLived);
            HostawayTestClient.Response tokenResponse = c.requestToken(HostawaySeedAccounts.SMALL_ACCOUNT_ID,
                    HostawaySeedAccounts.SMALL_SECRET);
            assertThat(tokenResponse.json().get("expires_in").asLong()).isEqualTo(60);
            String token = tokenResponse.json().get("access_token").asText();
            assertThat(c.get(token, "/v1/listings").status()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(61));

            assertForbidden(c.get(token, "/v1/listings"));
        }
    }

    @Test
    void aNewTokenIsRefusedDuringTheConfiguredActivationDelay() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (HostawayStandIn delayed = HostawayStandIn.start(HostawayStandInOptions.defaults()
                .withTokenActivationDelay(Duration.ofSeconds(1)).withClock(clock))) {
            HostawayTestClient c = new HostawayTestClient(delayed);
            String token = c.token(HostawaySeedAccounts.ACCOUNT_SMALL);

            assertForbidden(c.get(token, "/v1/listings"));
            clock.advance(Duration.ofSeconds(1));
            assertThat(c.get(token, "/v1/listings").status()).isEqualTo(200);
        }
    }
}
