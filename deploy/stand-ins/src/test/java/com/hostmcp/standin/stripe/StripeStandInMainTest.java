package com.hostmcp.standin.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line of the local-stack runner. */
class StripeStandInMainTest {

    @Test
    void defaultsToPort8091OnLoopbackWithoutWebhooks() {
        StripeStandInMain.Options options = StripeStandInMain.parse(new String[0]);

        assertThat(options.port()).isEqualTo(8091);
        assertThat(options.bind()).isEqualTo("127.0.0.1");
        assertThat(options.unitAmount()).isEqualTo(500);
        assertThat(options.webhookUrl()).isNull();
        assertThat(options.webhookSecret()).isEqualTo(StripeWebhookSigner.TEST_WEBHOOK_SECRET);
    }

    @Test
    void readsPortWebhookTargetAndUnitAmount() {
        StripeStandInMain.Options options = StripeStandInMain.parse(new String[] { "--port", "9000", "--webhook-url",
                "http://127.0.0.1:8082/stripe/webhook", "--webhook-secret", "whsec_local", "--unit-amount", "700" });

        assertThat(options.port()).isEqualTo(9000);
        assertThat(options.webhookUrl()).isEqualTo("http://127.0.0.1:8082/stripe/webhook");
        assertThat(options.webhookSecret()).isEqualTo("whsec_local");
        assertThat(options.unitAmount()).isEqualTo(700);
    }

    @Test
    void rejectsUnknownArgumentsAndMissingValues() {
        assertThatThrownBy(() -> StripeStandInMain.parse(new String[] { "--nope" }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StripeStandInMain.parse(new String[] { "--port" }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StripeStandInMain.parse(new String[] { "--port", "x" }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
