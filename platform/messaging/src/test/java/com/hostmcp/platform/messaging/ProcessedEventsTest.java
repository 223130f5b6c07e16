package com.hostmcp.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ProcessedEventsTest {

    @Inject
    Pool pool;
    @Inject
    ProcessedEvents processed;

    @Test
    void eventIsClaimedOnceThenRecognisedAsRedelivery() {
        String id = UUID.randomUUID().toString();
        assertThat(claim("audit", id)).isTrue();
        assertThat(claim("audit", id)).isFalse();
    }

    @Test
    void eachConsumerClaimsTheSameEventForItself() {
        String id = UUID.randomUUID().toString();
        assertThat(claim("usage-rollup", id)).isTrue();
        assertThat(claim("audit-log", id)).isTrue();
    }

    @Test
    void claimRolledBackWithAFailedEffectLetsTheNextDeliveryApplyIt() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> pool.withTransaction(tx -> processed.claim(tx, "audit", id)
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("effect failed"))))
                .await().indefinitely()).isInstanceOf(IllegalStateException.class);

        assertThat(claim("audit", id)).isTrue();
    }

    private boolean claim(String consumer, String id) {
        return pool.withTransaction(tx -> processed.claim(tx, consumer, id)).await().indefinitely();
    }
}
