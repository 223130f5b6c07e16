package com.hostmcp.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class CloudEventCodecTest {

    record Renamed(String organizationId, String name) {
    }

    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void encodedEventCarriesTheCloudEventsAttributesAndDecodesBack() throws Exception {
        CloudEvent event = codec.create("com.hostmcp.tenant.OrganizationRenamed.v1", "/tenant-service", "org-1",
                new Renamed("org-1", "Beach Houses"));

        String json = codec.encode(event);
        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("specversion").asText()).isEqualTo("1.0");
        assertThat(tree.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(tree.get("time").asText()).endsWith("Z");
        assertThat(tree.has("correlationid")).isFalse();

        CloudEvent decoded = codec.decode(json);
        assertThat(decoded.id()).isEqualTo(event.id());
        assertThat(codec.data(decoded, Renamed.class)).isEqualTo(new Renamed("org-1", "Beach Houses"));
    }

    @Test
    void consumerRecordIgnoresFieldsItDoesNotKnow() {
        String json = """
                {"specversion":"1.0","id":"e1","type":"t","source":"/s","subject":"org-1",
                 "data":{"organizationId":"org-1","name":"n","addedLater":true}}""";
        assertThat(codec.data(codec.decode(json), Renamed.class).name()).isEqualTo("n");
    }

    @Test
    void recordsThatAreNotCloudEventsAreRefusedAsMalformed() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"specversion\":\"0.3\",\"id\":\"1\",\"type\":\"t\",\"source\":\"s\"}"))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"s\"}"))
                .isInstanceOf(MalformedEventException.class);
    }
}
