package com.hostmcp.standin.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Stripe's bracket-notation form encoding decodes into nested maps and lists. */
class FormParamsTest {

    @Test
    void nestedKeysBecomeMapsAndIndexedKeysBecomeOrderedLists() {
        FormParams params = FormParams.parse("line_items[1][price]=price_b&line_items[0][price]=price_a"
                + "&line_items[0][quantity]=3&line_items[10][price]=price_c&metadata[org_id]=42");

        List<Object> items = params.list("line_items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isEqualTo(Map.of("price", "price_a", "quantity", "3"));
        assertThat(items.get(1)).isEqualTo(Map.of("price", "price_b"));
        assertThat(items.get(2)).isEqualTo(Map.of("price", "price_c"));
        assertThat(params.stringMap("metadata")).containsExactly(Map.entry("org_id", "42"));
    }

    @Test
    void emptyBracketsAppendAndIndexedArraysWorkAlike() {
        assertThat(FormParams.parse("expand[]=customer&expand[]=latest_invoice").strings("expand"))
                .containsExactly("customer", "latest_invoice");
        assertThat(FormParams.parse("expand[0]=customer&expand[1]=latest_invoice").strings("expand"))
                .containsExactly("customer", "latest_invoice");
    }

    @Test
    void valuesAndKeysArePercentDecoded() {
        FormParams params = FormParams.parse("customer_email=a%40example.com&success_url=http%3A%2F%2Fx%2F%3Fa%3D1"
                + "&metadata%5Bname%5D=A+B");

        assertThat(params.string("customer_email")).isEqualTo("a@example.com");
        assertThat(params.string("success_url")).isEqualTo("http://x/?a=1");
        assertThat(params.stringMap("metadata")).containsEntry("name", "A B");
        assertThat(params.flat()).containsKey("metadata[name]");
    }

    @Test
    void emptyMetadataMeansClearAndAbsentMeansUnchanged() {
        assertThat(FormParams.parse("metadata=").stringMap("metadata")).isEmpty();
        assertThat(FormParams.parse("email=x").stringMap("metadata")).isNull();
    }

    @Test
    void fingerprintIgnoresParameterOrder() {
        assertThat(FormParams.parse("a=1&b=2").fingerprint()).isEqualTo(FormParams.parse("b=2&a=1").fingerprint());
        assertThat(FormParams.parse("a=1&b=2").fingerprint()).isNotEqualTo(FormParams.parse("a=1&b=3").fingerprint());
    }

    @Test
    void malformedNumbersAndBooleansAreStripeErrors() {
        assertThatThrownBy(() -> FormParams.parse("quantity=many").longValue("quantity"))
                .isInstanceOfSatisfying(StripeApiError.class, e -> assertThat(e.status).isEqualTo(400));
        assertThatThrownBy(() -> FormParams.parse("cancel_at_period_end=yes").bool("cancel_at_period_end"))
                .isInstanceOf(StripeApiError.class);
    }
}
