package com.hostmcp.tenant.hostaway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.hostmcp.standin.hostaway.HostawaySeedAccounts;
import com.hostmcp.testsupport.kafka.KafkaBrokerResource;
import com.hostmcp.testsupport.postgres.PostgresResource;
import com.hostmcp.testsupport.standin.HostawayStandInResource;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The check's outcome for each way Hostaway can answer, or not answer. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HostawayStandInResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class HostawayCredentialCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anUnreachableHostawayIsUnavailableWithTheDefaultRetryAfter() {
        // nothing listens on port 1 of the loopback interface: the connection is refused at once
        HostawayCredentialCheck check = checkAgainst("http://127.0.0.1:1");

        assertThatThrownBy(() -> check.verify("10001", "any").await().atMost(WAIT))
                .isInstanceOfSatisfying(HostawayUnavailableException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(10))
                .hasMessageNotContaining("any");
    }

    @Test
    void workingCredentialsPassAndWrongOnesAreRejected() {
        HostawayCredentialCheck check = checkAgainst(HostawayStandInResource.standIn().baseUrl());

        check.verify(String.valueOf(HostawaySeedAccounts.SMALL_ACCOUNT_ID), HostawaySeedAccounts.SMALL_SECRET).await()
                .atMost(WAIT);
        assertThatThrownBy(() -> check.verify(String.valueOf(HostawaySeedAccounts.SMALL_ACCOUNT_ID), "wrong").await()
                .atMost(WAIT))
                .isInstanceOfSatisfying(HostawayRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
    }

    /** A check without the fault-tolerance interceptor, so that each outcome shows after one attempt. */
    private static HostawayCredentialCheck checkAgainst(String baseUrl) {
        HostawayClient client = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                .connectTimeout(2, java.util.concurrent.TimeUnit.SECONDS).build(HostawayClient.class);
        return new HostawayCredentialCheck(client, Duration.ZERO);
    }
}
