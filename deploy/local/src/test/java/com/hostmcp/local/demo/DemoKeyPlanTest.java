package com.hostmcp.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.local.demo.DemoKeyFile.StoredKey;

class DemoKeyPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEPT = "7d0f8a52-3c5e-4f0e-9a57-0d1c2b3a4f5e";
    private static final String OTHER = "11111111-2222-3333-4444-555555555555";
    private static final StoredKey STORED = new StoredKey(KEPT, "hmcp_abcdefghijklmnopqrstuvwxyz12");

    @Test
    void aKeptKeyThatIsStillActiveIsReused() throws Exception {
        DemoKeyPlan plan = DemoKeyPlan.decide(Optional.of(STORED), keys("""
                [{"id":"%s","name":"laptop","status":"ACTIVE"},{"id":"%s","name":"demo","status":"ACTIVE"}]"""
                .formatted(OTHER, KEPT)));

        assertThat(plan).isEqualTo(new DemoKeyPlan(DemoKeyPlan.Action.REUSE, KEPT));
    }

    @Test
    void aKeptKeyThatWasRevokedIsReplacedByANewOne() throws Exception {
        DemoKeyPlan plan = DemoKeyPlan.decide(Optional.of(STORED), keys("""
                [{"id":"%s","name":"demo","status":"REVOKED"}]""".formatted(KEPT)));

        assertThat(plan.action()).isEqualTo(DemoKeyPlan.Action.CREATE);
        assertThat(plan.keyId()).isNull();
    }

    @Test
    void aKeptKeyUnknownToTheOrganizationIsNotReused() throws Exception {
        // e.g. the database was dropped but the data directory kept: the old key would be refused by the gateway
        DemoKeyPlan plan = DemoKeyPlan.decide(Optional.of(STORED), keys("[]"));

        assertThat(plan.action()).isEqualTo(DemoKeyPlan.Action.CREATE);
    }

    @Test
    void anActiveDemoKeyWhoseCopyIsLostIsRegeneratedInsteadOfAddingAnother() throws Exception {
        DemoKeyPlan plan = DemoKeyPlan.decide(Optional.empty(), keys("""
                [{"id":"%s","name":"demo","status":"REVOKED"},{"id":"%s","name":"demo","status":"ACTIVE"}]"""
                .formatted(KEPT, OTHER)));

        assertThat(plan).isEqualTo(new DemoKeyPlan(DemoKeyPlan.Action.REGENERATE, OTHER));
    }

    @Test
    void keysWithOtherNamesAreLeftAloneAndANewKeyIsCreated() throws Exception {
        DemoKeyPlan plan = DemoKeyPlan.decide(Optional.empty(), keys("""
                [{"id":"%s","name":"laptop","status":"ACTIVE"}]""".formatted(OTHER)));

        assertThat(plan.action()).isEqualTo(DemoKeyPlan.Action.CREATE);
    }

    @Test
    void anAnswerThatIsNotAListOfKeysStopsTheSeeding() throws Exception {
        assertThatThrownBy(() -> DemoKeyPlan.decide(Optional.of(STORED), keys("""
                {"type":"about:blank","status":500}""")))
                .isInstanceOf(SeedException.class).hasMessageContaining("GET /api/keys");
    }

    private static JsonNode keys(String json) throws Exception {
        return JSON.readTree(json);
    }
}
