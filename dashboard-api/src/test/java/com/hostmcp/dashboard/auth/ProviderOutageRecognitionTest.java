package com.hostmcp.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** Which authentication failures mean that the OIDC provider could not be used (503) rather than bad credentials. */
class ProviderOutageRecognitionTest {

    @Test
    void quarkusOidcUnableToUseTheProviderIsAnOutage() {
        assertThat(ProviderOutage.causedBy(new OIDCException("OIDC Server is not available"))).isTrue();
        assertThat(ProviderOutage.causedBy(new CompletionException(new OIDCException("down")))).isTrue();
    }

    @Test
    void aCodeExchangeOrRefreshThatCouldNotConnectIsAnOutage() {
        assertThat(ProviderOutage.causedBy(new AuthenticationCompletionException(
                new ConnectException("Connection refused")))).isTrue();
        assertThat(ProviderOutage.causedBy(new AuthenticationFailedException(
                new RuntimeException(new TimeoutException("no answer in 10 s"))))).isTrue();
    }

    @Test
    void aProviderThatAnswersWithAnErrorIsNoOutage() {
        // the token endpoint refusing a used code: quarkus-oidc's OIDCException inside the authentication failure
        assertThat(ProviderOutage.causedBy(new AuthenticationCompletionException(
                new OIDCException("{\"error\":\"invalid_grant\"}")))).isFalse();
        assertThat(ProviderOutage.causedBy(new AuthenticationFailedException())).isFalse();
        assertThat(ProviderOutage.causedBy(new UnauthorizedException())).isFalse();
    }

    @Test
    void anIoFailureOutsideAuthenticationIsNotTheProviders() {
        assertThat(ProviderOutage.causedBy(new IOException("Connection reset by peer"))).isFalse();
    }
}
