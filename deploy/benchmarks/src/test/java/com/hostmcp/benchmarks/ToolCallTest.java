package com.hostmcp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hostmcp.standin.hostaway.HostawayAccount;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

class ToolCallTest {

    private static final HostawayAccount ACCOUNT = HostawaySeedAccounts.generated(0);

    private static ToolCall answered(String body) {
        return new ToolCall("get_listing", 200, body, 1_000);
    }

    @Test
    void aResultWithoutIsErrorIsASuccessThatTheGatewayAudits() {
        ToolCall call = answered("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"ok\"}],\"isError\":false}}");

        assertThat(call.outcome()).isEqualTo(ToolCall.Outcome.OK);
        assertThat(call.problem()).isEqualTo("ok");
        assertThat(call.audited()).isTrue();
    }

    @Test
    void aToolErrorIsNamedByTheTypeInItsTextAndIsAudited() {
        ToolCall call = answered("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"[rate_limited] Hostaway limit. Retry after 3 s.\"}],\"isError\":true}}");

        assertThat(call.outcome()).isEqualTo(ToolCall.Outcome.TOOL_ERROR);
        assertThat(call.problem()).isEqualTo("rate_limited");
        assertThat(call.audited()).isTrue();
    }

    @Test
    void theResponseIsReadFromAOneMessageSseStreamToo() {
        ToolCall call = answered("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,"
                + "\"message\":\"no such tool\"}}\n\n");

        assertThat(call.outcome()).isEqualTo(ToolCall.Outcome.RPC_ERROR);
        assertThat(call.problem()).isEqualTo("jsonrpc -32602");
        assertThat(call.audited()).isFalse();
    }

    @Test
    void anotherHttpStatusOrNoAnswerIsNoMcpAnswer() {
        assertThat(new ToolCall("get_listing", 429, "{\"error\":\"rate_limited\"}", 1).problem())
                .isEqualTo("HTTP 429");
        assertThat(new ToolCall("get_listing", 0, "java.net.ConnectException", 1).problem()).isEqualTo("no answer");
        assertThat(answered("not json").outcome()).isEqualTo(ToolCall.Outcome.NO_ANSWER);
    }

    @Test
    void idsOfAnotherAccountAnywhereInTheStructuredResultAreForeign() {
        long own = ACCOUNT.listingId(2);
        long ownReservation = ACCOUNT.accountId() * HostawayAccount.OBJECT_ID_FACTOR + 7;
        long foreignListing = HostawaySeedAccounts.generated(1).listingId(2);
        long foreignReservation = HostawaySeedAccounts.generated(1).accountId() * HostawayAccount.OBJECT_ID_FACTOR + 7;
        ToolCall call = answered("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"structuredContent\":{\"items\":["
                + "{\"id\":" + ownReservation + ",\"listingMapId\":" + own + ",\"nights\":3},"
                + "{\"id\":" + foreignReservation + ",\"listingMapId\":" + foreignListing + "}],"
                + "\"listingId\":" + own + ",\"total\":123456789}}}");

        assertThat(call.foreignIds(ACCOUNT)).containsExactlyInAnyOrder(foreignReservation, foreignListing);
    }

    @Test
    void aResultWithOnlyOwnIdsHasNoForeignOnes() {
        ToolCall call = answered("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"structuredContent\":{\"listing\":"
                + "{\"id\":" + ACCOUNT.listingId(1) + ",\"propertyTypeId\":1}}}}");

        assertThat(call.structured()).isTrue();
        assertThat(call.foreignIds(ACCOUNT)).isEmpty();
    }

    @Test
    void aResultWithoutStructuredContentIsNotCountedAsChecked() {
        assertThat(answered("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}").structured()).isFalse();
    }
}
