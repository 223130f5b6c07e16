package com.hostmcp.gateway.tools.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.hostaway.HostawayException;
import com.hostmcp.gateway.testing.ToolSchemas;
import com.hostmcp.gateway.tool.ErrorType;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;
import com.hostmcp.gateway.tools.listings.BatchUpdateListingsTool.Item;
import com.hostmcp.gateway.tools.listings.BatchUpdateListingsTool.Outcome;

class BatchUpdateListingsToolTest {

    @Test
    void duplicateListingIdsRefuseTheWholeBatch() {
        ArrayNode items = ToolSchemas.JSON.createArrayNode();
        item(items, 1, "price", 10);
        item(items, 2, "price", 10);
        item(items, 1, "minNights", 2);

        assertThatThrownBy(() -> BatchUpdateListingsTool.items(items)).isInstanceOfSatisfying(ToolFailure.class,
                f -> {
                    assertThat(f.errorType()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(f.getMessage()).contains("[1]").contains("nothing was changed");
                    assertThat(f.remediation()).contains("one item per listingId");
                });
    }

    @Test
    void crossFieldProblemsFailOnlyTheirItem() {
        ArrayNode items = ToolSchemas.JSON.createArrayNode();
        item(items, 1, "price", 10);
        ((ObjectNode) item(items, 2, "minNights", 9).get("changes")).put("maxNights", 3);

        List<Item> parsed = BatchUpdateListingsTool.items(items);

        assertThat(parsed.get(0).invalid()).isNull();
        assertThat(parsed.get(1).invalid().get("errorType").asText()).isEqualTo("validation");
        assertThat(parsed.get(1).invalid().get("message").asText()).contains("minNights (9)");
    }

    @Test
    void nameChangesKeepTheExternalNameAndFlagsBecomeIntegers() {
        ObjectNode body = BatchUpdateListingsTool.hostawayBody(ToolSchemas.JSON.createObjectNode()
                .put("name", "New name").put("instantBookable", false));
        assertThat(body.get("externalListingName").asText()).isEqualTo("New name");
        assertThat(body.get("instantBookable").asInt()).isZero();
    }

    @Test
    void everyFailureMapsToABatchErrorTypeWithRemediation() {
        assertFailure(new HostawayException.NotFound("GET listing 5: not found"), "not_found", "list_listings");
        assertFailure(new HostawayException.Rejected("Listing 5 is archived"), "validation", "archived");
        assertFailure(new HostawayException.RateLimited("rate limited", 7), "rate_limited", "after 7 seconds");
        assertFailure(new HostawayException.CredentialsRejected("403"), "unauthorized", "Hostaway account id");
        assertFailure(new HostawayException.Unavailable("503", 30), "upstream", "after 30 seconds");
        assertFailure(new HostawayException.Timeout("timeout"), "timeout", "get_listing");
        assertFailure(new ToolFailure(ErrorType.ENTITLEMENT, "suspended", "pay"), "unauthorized", "pay");
        assertFailure(new IllegalStateException("boom"), "upstream", "get_listing");
        assertThat(ItemFailures.of(5, new IllegalStateException("boom")).get("message").asText())
                .doesNotContain("boom").doesNotContain("IllegalState");
    }

    @Test
    void resultHasThePartialFailureShapeInInputOrder() {
        ObjectNode ok = ToolSchemas.JSON.createObjectNode().put("id", 11);
        ok.putObject("result").put("name", "A").put("price", 10);
        ObjectNode bad = ItemFailures.of(12, new HostawayException.NotFound("nope"));
        ToolResult result = BatchUpdateListingsTool.render(3,
                List.of(new Outcome(2, ok.deepCopy().put("id", 13), null), new Outcome(1, null, bad),
                        new Outcome(0, ok, null)),
                Duration.ofSeconds(3));

        ObjectNode out = result.structured();
        assertThat(out.get("summary").toString()).isEqualTo("{\"total\":3,\"succeeded\":2,\"failed\":1}");
        assertThat(out.at("/succeeded/0/id").asLong()).isEqualTo(11);
        assertThat(out.at("/succeeded/1/id").asLong()).isEqualTo(13);
        assertThat(out.at("/failed/0/id").asLong()).isEqualTo(12);
        assertThat(result.text()).startsWith("Updated 2 of 3 listings, 1 failed (3 s).")
                .contains("FAILED #12 not_found").contains("To do: Check the id with list_listings");
        assertThat(ToolSchemas.violations(BatchUpdateListingsTool.NAME, "output", out)).isEmpty();
    }

    @Test
    void inputSchemaAcceptsOnlyWhitelistedChanges() {
        ArrayNode items = ToolSchemas.JSON.createArrayNode();
        item(items, 1, "price", 10);
        assertThat(ToolSchemas.violations(BatchUpdateListingsTool.NAME, "input",
                ToolSchemas.JSON.createObjectNode().set("items", items))).isEmpty();
        item(items, 2, "specialStatus", 1);
        ((ObjectNode) items.get(0).get("changes")).put("checkOutTime", 25);
        assertThat(ToolSchemas.violations(BatchUpdateListingsTool.NAME, "input",
                ToolSchemas.JSON.createObjectNode().set("items", items))).hasSize(2);
    }

    private static void assertFailure(Throwable error, String type, String remediation) {
        ObjectNode entry = ItemFailures.of(5, error);
        assertThat(entry.get("id").asLong()).isEqualTo(5);
        assertThat(entry.get("errorType").asText()).isEqualTo(type);
        assertThat(entry.get("remediation").asText()).contains(remediation);
    }

    private static ObjectNode item(ArrayNode items, long listingId, String field, int value) {
        ObjectNode item = items.addObject().put("listingId", listingId);
        item.putObject("changes").put(field, value);
        return item;
    }
}
