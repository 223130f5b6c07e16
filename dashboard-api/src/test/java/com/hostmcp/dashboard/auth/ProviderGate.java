package com.hostmcp.dashboard.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.hostmcp.dashboard.TestTokens;

/**
 * The OIDC provider's address as dashboard-api knows it, opened and closed by a test. Closed, nothing listens there
 * (connections are refused, as when Keycloak is down); open, it serves a discovery document that names its own
 * endpoints and forwards every other request to the OIDC test server (keys, token endpoint, logout).
 */
final class ProviderGate {

    static final String REALM_PATH = "/auth/realms/quarkus";

    private final int port;
    private WireMockServer server;

    ProviderGate(int port) {
        this.port = port;
    }

    /** A port nothing listens on yet (the gate starts closed). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void open(String providerBaseUrl) {
        if (server != null) {
            return;
        }
        server = new WireMockServer(wireMockConfig().port(port).bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + port + REALM_PATH;
        server.stubFor(get(urlEqualTo(REALM_PATH + "/.well-known/openid-configuration")).atPriority(1)
                .willReturn(okJson("{\"issuer\":\"" + TestTokens.ISSUER + "\","
                        + "\"authorization_endpoint\":\"" + base + "\","
                        + "\"token_endpoint\":\"" + base + "/token\","
                        + "\"jwks_uri\":\"" + base + "/protocol/openid-connect/certs\","
                        + "\"end_session_endpoint\":\"" + base + "/protocol/openid-connect/end-session\"}")));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(providerBaseUrl)));
    }

    synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
