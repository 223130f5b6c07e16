package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayListingsTest extends UnthrottledStandInTest {

    private static String small;
    private static String medium;
    private static String large;

    @BeforeEach
    void resetAndLogIn() {
        small = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        medium = client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);
        large = client.token(HostawaySeedAccounts.ACCOUNT_LARGE);
    }

    private static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.forEach(l -> ids.add(l.get("id").asLong()));
        return ids;
    }

    @Test
    void threeAccountsReturnDifferentListingsWithoutIdOverlap() {
        JsonNode s = client.get(small, "/v1/listings").json();
        JsonNode m = client.get(medium, "/v1/listings").json();
        JsonNode l = client.get(large, "/v1/listings").json();

        assertThat(s.get("count").asInt()).isEqualTo(3);
        assertThat(m.get("count").asInt()).isEqualTo(12);
        assertThat(l.get("count").asInt()).isEqualTo(520);
        Set<Long> all = new HashSet<>();
        all.addAll(ids(s.get("result")));
        all.addAll(ids(m.get("result")));
        all.addAll(ids(l.get("result")));
        assertThat(all).hasSize(3 + 12 + 520);
        assertThat(ids(s.get("result"))).allMatch(id -> id / 10_000 == 10001);
        assertThat(ids(m.get("result"))).allMatch(id -> id / 10_000 == 10002);
        assertThat(ids(l.get("result"))).allMatch(id -> id / 10_000 == 10003);
        assertThat(s.get("result").findValuesAsText("city")).containsOnly("Berlin", "Hamburg", "Munich");
        assertThat(new HashSet<>(m.get("result").findValuesAsText("city"))).hasSizeGreaterThan(3);
    }

    @Test
    void seededListingsCarryTheArchivedSpecialStatusAndTheExampleShape() {
        JsonNode result = client.get(small, "/v1/listings").json().get("result");

        assertThat(result).hasSize(3);
        assertThat(result.get(2).get("specialStatus").asText()).isEqualTo("archived");
        assertThat(result.get(0).get("specialStatus").isNull()).isTrue();
        List<String> exampleKeys = new ArrayList<>();
        Json.LISTING.fieldNames().forEachRemaining(exampleKeys::add);
        List<String> keys = new ArrayList<>();
        result.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).startsWith(exampleKeys.toArray(String[]::new));
        long archived = 0;
        for (JsonNode listing : client.get(large, "/v1/listings").json().get("result")) {
            archived += "archived".equals(listing.path("specialStatus").asText()) ? 1 : 0;
        }
        assertThat(archived).isEqualTo(20);
    }

    @Test
    void limitAndOffsetPagesCoverAll520ListingsWithoutGapsOrDuplicatesAndCountIsTheTrueTotal() {
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < 600; offset += 50) {
            JsonNode page = client.get(large, "/v1/listings?limit=50&offset=" + offset).json();
            assertThat(page.get("status").asText()).isEqualTo("success");
            assertThat(page.get("count").asInt()).isEqualTo(520);
            assertThat(page.get("limit").asInt()).isEqualTo(50);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            assertThat(page.get("result").size()).isEqualTo(Math.max(0, Math.min(50, 520 - offset)));
            seen.addAll(ids(page.get("result")));
        }
        assertThat(seen).hasSize(520).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(ids(client.get(large, "/v1/listings").json()
                .get("result"))));
    }

    @Test
    void pagesSortedByNameAreOrderedAndComplete() {
        List<String> names = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < 520; offset += 100) {
            JsonNode result = client.get(large, "/v1/listings?sortOrder=name&limit=100&offset=" + offset).json()
                    .get("result");
            result.forEach(l -> names.add(l.get("name").asText()));
            seen.addAll(ids(result));
        }
        assertThat(seen).hasSize(520).doesNotHaveDuplicates();
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        JsonNode reversed = client.get(large, "/v1/listings?sortOrder=nameReversed&limit=1").json().get("result");
        assertThat(reversed.get(0).get("name").asText()).isEqualTo(names.get(names.size() - 1));
    }

    @Test
    void cityCountryAndMatchFilterListingsAndCountTheMatches() {
        JsonNode berlin = client.get(small, "/v1/listings?city=Berlin").json();
        assertThat(berlin.get("count").asInt()).isEqualTo(1);
        assertThat(berlin.get("result").get(0).get("city").asText()).isEqualTo("Berlin");

        JsonNode us = client.get(medium, "/v1/listings?country=US").json();
        assertThat(us.get("count").asInt()).isPositive();
        us.get("result").forEach(l -> assertThat(l.get("countryCode").asText()).isEqualTo("US"));

        String name = client.get(large, "/v1/listings?limit=1").json().get("result").get(0).get("name").asText();
        String word = name.split(" ")[1];
        JsonNode matched = client.get(large, "/v1/listings?limit=5&match=" + word.toLowerCase()).json();
        assertThat(matched.get("count").asInt()).isGreaterThanOrEqualTo(1);
        matched.get("result").forEach(l -> assertThat(l.get("name").asText()).containsIgnoringCase(word));
        assertThat(client.get(large, "/v1/listings?sortOrder=bogus").status()).isEqualTo(400);
    }

    @Test
    void resourcesAreOnlyIncludedWithIncludeResources() {
        long id = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(1);
        JsonNode sparse = client.get(small, "/v1/listings/" + id).json().get("result");
        JsonNode full = client.get(small, "/v1/listings/" + id + "?includeResources=1").json().get("result");

        assertThat(sparse.get("listingImages")).isEmpty();
        assertThat(sparse.get("bookingEngineUrls")).isEmpty();
        assertThat(full.get("listingImages")).isNotEmpty();
        assertThat(full.get("listingAmenities")).isNotEmpty();
        JsonNode withUrls = client.get(small, "/v1/listings/" + id + "?attachObjects[]=bookingEngineUrls").json()
                .get("result");
        assertThat(withUrls.get("bookingEngineUrls")).hasSize(1);
    }

    @Test
    void anotherAccountsListingIdAnswers404WithTheFailEnvelope() {
        long foreign = HostawaySeedAccounts.ACCOUNT_MEDIUM.listingId(1);

        HostawayTestClient.Response response = client.get(small, "/v1/listings/" + foreign);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("status").asText()).isEqualTo("fail");
        assertThat(response.json().get("result").asText()).isNotBlank();
        assertThat(client.get(medium, "/v1/listings/" + foreign).status()).isEqualTo(200);
        assertThat(client.send("PUT", small, "/v1/listings/" + foreign, "{\"name\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void aPutListingUpdateIsVisibleOnLaterReads() {
        long id = HostawaySeedAccounts.ACCOUNT_MEDIUM.listingId(2);

        HostawayTestClient.Response put = client.send("PUT", medium, "/v1/listings/" + id,
                "{\"name\":\"Renamed by test\",\"price\":99.5,\"personCapacity\":7}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("result").get("name").asText()).isEqualTo("Renamed by test");
        JsonNode read = client.get(medium, "/v1/listings/" + id).json().get("result");
        assertThat(read.get("name").asText()).isEqualTo("Renamed by test");
        assertThat(read.get("price").asDouble()).isEqualTo(99.5);
        assertThat(read.get("personCapacity").asInt()).isEqualTo(7);
        assertThat(read.get("city").asText()).isNotBlank(); // untouched fields are kept
        assertThat(client.get(medium, "/v1/listings?match=Renamed%20by").json().get("count").asInt()).isEqualTo(1);
        assertThat(client.send("PUT", medium, "/v1/listings/" + id, "{\"name\":\"\"}").status()).isEqualTo(400);
    }

    @Test
    void postingAListingNeedsANameAndCreatesAListingWithANewId() {
        HostawayTestClient.Response missingName = client.send("POST", small, "/v1/listings", "{\"city\":\"Berlin\"}");
        assertThat(missingName.status()).isEqualTo(400);
        assertThat(missingName.json().get("status").asText()).isEqualTo("fail");
        assertThat(client.send("POST", small, "/v1/listings", "not json").status()).isEqualTo(400);

        HostawayTestClient.Response created = client.send("POST", small, "/v1/listings",
                "{\"name\":\"Brand new loft\",\"city\":\"Berlin\",\"countryCode\":\"DE\",\"price\":120}");

        assertThat(created.status()).isEqualTo(200);
        JsonNode listing = created.json().get("result");
        long id = listing.get("id").asLong();
        assertThat(id).isEqualTo(HostawaySeedAccounts.SMALL_ACCOUNT_ID * 10_000 + 4);
        assertThat(listing.get("externalListingName").asText()).isEqualTo("Brand new loft");
        assertThat(client.get(small, "/v1/listings").json().get("count").asInt()).isEqualTo(4);
        assertThat(client.get(small, "/v1/listings/" + id).json().get("result").get("price").asDouble())
                .isEqualTo(120.0);
    }

    @Test
    void aDeletedListingIsGone() {
        long id = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(2);

        HostawayTestClient.Response deleted = client.send("DELETE", small, "/v1/listings/" + id, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().toString()).isEqualTo("{\"status\":\"success\",\"result\":[]}");
        assertThat(client.get(small, "/v1/listings/" + id).status()).isEqualTo(404);
        assertThat(client.get(small, "/v1/listings").json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void resetRestoresTheSeedData() {
        long id = HostawaySeedAccounts.ACCOUNT_SMALL.listingId(1);
        String name = client.get(small, "/v1/listings/" + id).json().get("result").get("name").asText();
        client.send("PUT", small, "/v1/listings/" + id, "{\"name\":\"changed\"}");

        standIn.reset();

        String token = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        assertThat(client.get(token, "/v1/listings/" + id).json().get("result").get("name").asText()).isEqualTo(name);
    }

    @Test
    void unknownPathsAnswer404AndUnsupportedMethods405() {
        HostawayTestClient.Response unknown = client.get(small, "/v1/nothingHere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asText()).isEqualTo("fail");
        assertThat(client.get(small, "/v1/listings/not-a-number").status()).isEqualTo(404);

        HostawayTestClient.Response patch = client.send("PATCH", small, "/v1/listings", "{}");
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.json().get("status").asText()).isEqualTo("fail");
        assertThat(client.send("DELETE", small, "/v1/reservations", null).status()).isEqualTo(405);
    }

    @Test
    void addedAccountsGetTheirOwnDataAndCredentials() {
        HostawayAccount added = standIn.addAccount(20_001L, "standin-secret-20001-test", 5, 2);

        String token = client.token(added);
        JsonNode listings = client.get(token, "/v1/listings").json();

        assertThat(listings.get("count").asInt()).isEqualTo(5);
        assertThat(ids(listings.get("result"))).containsExactly(200_010_001L, 200_010_002L, 200_010_003L,
                200_010_004L, 200_010_005L);
        assertThat(listings.get("result").findValuesAsText("specialStatus")).containsExactly("null", "null", "null",
                "archived", "archived");
        assertThat(standIn.accounts()).extracting(HostawayAccount::accountId).contains(10001L, 10002L, 10003L, 20001L);
        assertThat(client.get(token, "/v1/reservations").json().get("count").asInt()).isPositive();
    }
}
