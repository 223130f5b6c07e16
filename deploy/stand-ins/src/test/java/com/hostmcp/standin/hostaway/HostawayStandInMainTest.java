package com.hostmcp.standin.hostaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class HostawayStandInMainTest {

    @Test
    void theMainClassPrintsItsAddressAndServesItsGeneratedAccountsUntilItIsStopped() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                HostawayStandInMain.class.getName(), "--port", String.valueOf(port), "--per-ip-limit", "15",
                "--generated-accounts", "3"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).isEqualTo("Hostaway stand-in listening on http://127.0.0.1:" + port);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/accessTokens"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(HostawayTestClient.form(Map.of("grant_type",
                            "client_credentials", "client_id", "10001", "client_secret",
                            HostawaySeedAccounts.SMALL_SECRET, "scope", "general"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"token_type\":\"Bearer\"");

            HostawayAccount third = HostawaySeedAccounts.generated(2);
            assertThat(third.accountId()).isEqualTo(20003L);
            assertThat(token(port, third.accountId(), third.secret()).statusCode()).as("the third generated account")
                    .isEqualTo(200);
            HostawayAccount fourth = HostawaySeedAccounts.generated(3);
            assertThat(token(port, fourth.accountId(), fourth.secret()).statusCode()).as("only 3 were generated")
                    .isNotEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static HttpResponse<String> token(int port, long accountId, String secret) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/accessTokens"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HostawayTestClient.form(Map.of("grant_type",
                        "client_credentials", "client_id", String.valueOf(accountId), "client_secret", secret,
                        "scope", "general"))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
