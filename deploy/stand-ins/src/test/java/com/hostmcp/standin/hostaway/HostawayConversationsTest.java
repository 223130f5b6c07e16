package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HostawayConversationsTest extends UnthrottledStandInTest {

    private static String small;
    private static String medium;

    @BeforeEach
    void resetAndLogIn() {
        small = client.token(HostawaySeedAccounts.ACCOUNT_SMALL);
        medium = client.token(HostawaySeedAccounts.ACCOUNT_MEDIUM);
    }

    private static JsonNode firstConversation(String token) {
        return client.get(token, "/v1/conversations?limit=1").json().get("result").get(0);
    }

    @Test
    void conversationsArePagedWithTheTrueCountAndTheExampleShape() {
        JsonNode page = client.get(medium, "/v1/conversations?limit=5&offset=5").json();

        assertThat(page.get("count").asInt()).isGreaterThan(10);
        assertThat(page.get("result")).hasSize(5);
        JsonNode conversation = page.get("result").get(0);
        List<String> exampleKeys = new ArrayList<>();
        Json.CONVERSATION.fieldNames().forEachRemaining(exampleKeys::add);
        List<String> keys = new ArrayList<>();
        conversation.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(exampleKeys);
        assertThat(conversation.get("accountId").asLong()).isEqualTo(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID);
        assertThat(conversation.get("Reservation").get("hostawayReservationId").asText())
                .isEqualTo(conversation.get("reservationId").asText());
        assertThat(conversation.get("conversationMessages")).hasSize(1);
    }

    @Test
    void conversationsCanBeFilteredByReservation() {
        JsonNode conversation = firstConversation(small);
        long reservationId = conversation.get("reservationId").asLong();

        JsonNode filtered = client.get(small, "/v1/conversations?reservationId=" + reservationId).json();

        assertThat(filtered.get("count").asInt()).isEqualTo(1);
        assertThat(filtered.get("result").get(0).get("id").asLong()).isEqualTo(conversation.get("id").asLong());
        JsonNode byReservation = client.get(small, "/v1/reservations/" + reservationId + "/conversations").json();
        assertThat(byReservation.get("result").get(0).get("id").asLong()).isEqualTo(conversation.get("id").asLong());
    }

    @Test
    void aPostedMessageAppearsInTheMessageList() {
        long conversationId = firstConversation(small).get("id").asLong();
        String path = "/v1/conversations/" + conversationId + "/messages";
        int before = client.get(small, path).json().get("count").asInt();

        HostawayTestClient.Response sent = client.send("POST", small, path,
                "{\"body\":\"hello guest\",\"communicationType\":\"email\"}");

        assertThat(sent.status()).isEqualTo(200);
        JsonNode message = sent.json().get("result");
        assertThat(message.get("body").asText()).isEqualTo("hello guest");
        assertThat(message.get("conversationId").asLong()).isEqualTo(conversationId);
        assertThat(message.get("isIncoming").asInt()).isZero();
        assertThat(message.get("status").asText()).isEqualTo("sent");
        JsonNode list = client.get(small, path).json();
        assertThat(list.get("count").asInt()).isEqualTo(before + 1);
        assertThat(list.get("result").get(0).get("id").asLong()).isEqualTo(message.get("id").asLong());
        JsonNode conversation = client.get(small, "/v1/conversations/" + conversationId).json().get("result");
        assertThat(conversation.get("conversationMessages").get(0).get("body").asText()).isEqualTo("hello guest");
        assertThat(client.get(small, path + "/" + message.get("id").asLong()).json().get("result").get("body")
                .asText()).isEqualTo("hello guest");
    }

    @Test
    void aMessageNeedsABodyAndAKnownCommunicationType() {
        String path = "/v1/conversations/" + firstConversation(small).get("id").asLong() + "/messages";

        assertThat(client.send("POST", small, path, "{\"communicationType\":\"email\"}").status()).isEqualTo(400);
        assertThat(client.send("POST", small, path, "{\"body\":\"hi\",\"communicationType\":\"pigeon\"}").status())
                .isEqualTo(400);
        HostawayTestClient.Response defaulted = client.send("POST", small, path, "{\"body\":\"hi\"}");
        assertThat(defaulted.json().get("result").get("communicationType").asText()).isEqualTo("email");
    }

    @Test
    void scheduledMessagesAreOnlyListedWhenAskedFor() {
        int withScheduled = 0;
        int sentOnly = 0;
        for (JsonNode c : client.get(medium, "/v1/conversations?limit=20").json().get("result")) {
            String path = "/v1/conversations/" + c.get("id").asLong() + "/messages";
            sentOnly += client.get(medium, path).json().get("count").asInt();
            JsonNode all = client.get(medium, path + "?includeScheduledMessages=1").json();
            withScheduled += all.get("count").asInt();
            client.get(medium, path).json().get("result")
                    .forEach(m -> assertThat(m.get("status").asText()).isEqualTo("sent"));
        }
        assertThat(withScheduled).isGreaterThan(sentOnly);
    }

    @Test
    void anotherAccountsConversationAnswers404() {
        long foreign = firstConversation(medium).get("id").asLong();

        assertThat(client.get(small, "/v1/conversations/" + foreign + "/messages").status()).isEqualTo(404);
        assertThat(client.send("POST", small, "/v1/conversations/" + foreign + "/messages", "{\"body\":\"x\"}")
                .status()).isEqualTo(404);
    }
}
